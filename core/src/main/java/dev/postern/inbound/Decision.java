package dev.postern.inbound;

import java.util.Optional;

/**
 * What to answer the SMTP client, and what to do with the message once accepted.
 *
 * @param action the outcome
 * @param reply for {@link Action#REJECT} and {@link Action#DEFER}, the SMTP reply code ("550", "451")
 * @param text for {@link Action#REJECT} and {@link Action#DEFER}, the enhanced status code and the reason
 *             ("5.7.1 DMARC policy of example.com is reject: ...")
 */
public record Decision(Action action, Optional<String> reply, Optional<String> text) {

    public enum Action {
        /** Deliver as usual. */
        ACCEPT,
        /** Accept, then deliver to the recipient's Junk folder (DMARC disposition quarantine). */
        QUARANTINE,
        /** Refuse permanently during the SMTP transaction, so that nothing bounces to a forged sender. */
        REJECT,
        /** Refuse temporarily (4xx): the client keeps the message and retries. */
        DEFER
    }

    public static final Decision ACCEPT = new Decision(Action.ACCEPT, Optional.empty(), Optional.empty());
    public static final Decision QUARANTINE = new Decision(Action.QUARANTINE, Optional.empty(), Optional.empty());

    static Decision reject(String enhancedCode, String reason) {
        return new Decision(Action.REJECT, Optional.of("550"), Optional.of(enhancedCode + " " + reason));
    }

    static Decision defer(String enhancedCode, String reason) {
        return new Decision(Action.DEFER, Optional.of("451"), Optional.of(enhancedCode + " " + reason));
    }
}
