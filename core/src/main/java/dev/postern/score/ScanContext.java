package dev.postern.score;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the SMTP session knows about a message besides its content.
 *
 * @param clientIp the address of the connecting client; empty for locally generated mail
 * @param helo the HELO/EHLO name, empty string when none
 * @param envelopeSender the MAIL FROM address, empty string for the null sender (bounces)
 * @param recipients the RCPT TO addresses
 * @param authenticatedUser the SMTP AUTH user, empty when the client did not authenticate
 * @param auth the SPF, DKIM and DMARC results
 */
public record ScanContext(Optional<InetAddress> clientIp, String helo, String envelopeSender,
                          List<String> recipients, Optional<String> authenticatedUser, AuthResults auth) {

    public ScanContext {
        Objects.requireNonNull(clientIp, "clientIp");
        helo = helo == null ? "" : helo;
        envelopeSender = envelopeSender == null ? "" : envelopeSender;
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(authenticatedUser, "authenticatedUser");
        Objects.requireNonNull(auth, "auth");
    }

    /** A context with nothing known but the recipients: for tests and for re-scanning stored mail. */
    public static ScanContext ofRecipients(String... recipients) {
        return new ScanContext(Optional.empty(), "", "", List.of(recipients), Optional.empty(), AuthResults.NONE);
    }

    public ScanContext withClientIp(InetAddress ip) {
        return new ScanContext(Optional.of(ip), helo, envelopeSender, recipients, authenticatedUser, auth);
    }

    public ScanContext withHelo(String name) {
        return new ScanContext(clientIp, name, envelopeSender, recipients, authenticatedUser, auth);
    }

    public ScanContext withEnvelopeSender(String sender) {
        return new ScanContext(clientIp, helo, sender, recipients, authenticatedUser, auth);
    }

    public ScanContext withAuthenticatedUser(String user) {
        return new ScanContext(clientIp, helo, envelopeSender, recipients, Optional.of(user), auth);
    }

    public ScanContext withAuth(AuthResults results) {
        return new ScanContext(clientIp, helo, envelopeSender, recipients, authenticatedUser, results);
    }

    /** The domain of the envelope sender, lower case; empty for the null sender. */
    public String envelopeSenderDomain() {
        return domainOf(envelopeSender);
    }

    /** The part after the last '@', lower case, empty when there is none. */
    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT).trim();
    }
}
