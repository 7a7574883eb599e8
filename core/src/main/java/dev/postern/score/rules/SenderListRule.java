package dev.postern.score.rules;

import java.util.ArrayList;
import java.util.List;

import dev.postern.score.AuthResults;
import dev.postern.score.message.ScannedMessage;

/**
 * SENDER_BLOCKLIST when the envelope sender or the From address is on a block list of the
 * settings; SENDER_ALLOWLIST when one is on an allow list and the message is authenticated
 * (SPF, DKIM or DMARC pass): an unauthenticated allow list would let anyone in by forging a
 * trusted address.
 */
public final class SenderListRule implements Rule {

    @Override
    public List<Hit> check(RuleInput input) {
        String envelope = ScannedMessage.addressIn("<" + input.context().envelopeSender() + ">");
        String from = input.message().fromAddress();
        List<Hit> hits = new ArrayList<>();
        var senders = input.settings().senders();
        for (String address : List.of(envelope, from)) {
            if (senders.blocks(address)) {
                hits.add(Hit.of("SENDER_BLOCKLIST", address));
                break;
            }
        }
        if (authenticated(input.context().auth())) {
            for (String address : List.of(envelope, from)) {
                if (senders.allows(address)) {
                    hits.add(Hit.of("SENDER_ALLOWLIST", address));
                    break;
                }
            }
        }
        return hits;
    }

    private static boolean authenticated(AuthResults auth) {
        return auth.spf() == AuthResults.Spf.PASS || auth.dkim() == AuthResults.Dkim.PASS
            || auth.dmarc() == AuthResults.Dmarc.PASS;
    }
}
