package dev.postern.mailets.sieve;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.jsieve.ActionDispatcher;
import org.apache.james.transport.mailets.jsieve.SieveMailAdapter;
import org.apache.james.transport.mailets.jsieve.delivery.SievePoster;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.SieveMailException;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

import dev.postern.mailets.RecordSubaddress;
import dev.postern.sieve.SieveMail;

/**
 * The mail as one recipient's script sees it: James's {@link SieveMailAdapter} (headers, body,
 * size, envelope) plus the mailbox look-up, and the envelope recipient with the detail that
 * {@link RecordSubaddress} took off ("alice+lists@example.org", not "alice@example.org").
 * Actions are not executed here; {@link SieveActions} carries them out.
 */
final class JamesSieveMail extends SieveMailAdapter implements SieveMail {
    private final Predicate<String> mailboxExists;
    private final MailAddress recipient;
    private final char separator;

    JamesSieveMail(Mail mail, MailetContext context, ActionDispatcher dispatcher, SievePoster poster,
                   ZonedDateTime activation, ZonedDateTime interpretation, MailAddress recipient,
                   char separator, Predicate<String> mailboxExists) {
        super(mail, context, dispatcher, poster, activation, interpretation, recipient);
        this.recipient = recipient;
        this.separator = separator;
        this.mailboxExists = mailboxExists;
    }

    @Override
    public boolean mailboxExists(String mailboxName) {
        return mailboxExists.test(mailboxName);
    }

    @Override
    public List<String> getMatchingEnvelope(String name) throws SieveMailException {
        if ("to".equals(name.toLowerCase(Locale.ROOT))) {
            return List.of(originalRecipient());
        }
        return super.getMatchingEnvelope(name);
    }

    @Override
    public List<String> getEnvelope(String name) throws SieveMailException {
        if ("to".equals(name.strip().toLowerCase(Locale.ROOT))) {
            return List.of(originalRecipient());
        }
        return super.getEnvelope(name);
    }

    /**
     * Addresses of a header as core's engine reads them (jSieve's address grammar over the raw,
     * unfolded values), so the address test agrees with Postern's conformance runs and with
     * Pigeonhole; James's adapter parses with mime4j, which decodes RFC 2047 words first and
     * fails differently on malformed addresses.
     */
    @Override
    public org.apache.jsieve.mail.MailAdapter.Address[] parseAddresses(String headerName)
            throws SieveMailException, org.apache.jsieve.exception.InternetAddressException {
        org.apache.jsieve.parser.address.SieveAddressBuilder builder = new org.apache.jsieve.parser.address.SieveAddressBuilder();
        for (String value : getHeader(headerName)) {
            try {
                builder.addAddresses(value.replace("\r\n", "").replace("\n", ""));
            } catch (org.apache.jsieve.parser.generated.address.ParseException e) {
                throw new org.apache.jsieve.exception.InternetAddressException(e);
            }
        }
        return builder.getAddresses();
    }

    /**
     * RFC 5228 section 2.7.2: header values unfolded, with RFC 2047 encoded words decoded, each
     * occurrence once (the header name is case-insensitive).
     */
    @Override
    public List<String> getMatchingHeader(String name) throws SieveMailException {
        try {
            String[] values = getMessage().getHeader(name.strip());
            List<String> out = new java.util.ArrayList<>();
            if (values != null) {
                for (String v : values) {
                    out.add(org.apache.james.mime4j.util.MimeUtil.unscrambleHeaderValue(v));
                }
            }
            return out;
        } catch (javax.mail.MessagingException e) {
            throw new SieveMailException(e);
        }
    }

    /**
     * The recipient as addressed, "user+detail@domain" when RecordSubaddress recorded a detail
     * (with the first configured separator, which Sieve's :user / :detail split on).
     */
    String originalRecipient() {
        String detail = RecordSubaddress.detailOf(getMail(), recipient).orElse(null);
        if (detail == null) {
            return recipient.asString();
        }
        return recipient.getLocalPart() + separator + detail + "@" + recipient.getDomain().asString();
    }

    @Override
    public byte[] rawMessage() throws SieveMailException {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            getMessage().writeTo(out);
            return out.toByteArray();
        } catch (javax.mail.MessagingException writeToFailed) {
            // writeTo re-checks a changed message's MIME parts (saveChanges) and gives up on a
            // malformed part header, such as "Content-Type: text/plain/stupid" (Pigeonhole's body
            // tests have one); the octets as received are still there.
            try {
                return asReceived(getMessage());
            } catch (javax.mail.MessagingException | java.io.IOException e) {
                e.addSuppressed(writeToFailed);
                throw new SieveMailException(e);
            }
        } catch (java.io.IOException e) {
            throw new SieveMailException(e);
        }
    }

    /** The header lines and the undecoded body, without re-encoding anything. */
    private static byte[] asReceived(javax.mail.internet.MimeMessage message) throws javax.mail.MessagingException, java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.Enumeration<String> lines = message.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            out.write((lines.nextElement() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (java.io.InputStream body = message.getRawInputStream()) {
            body.transferTo(out);
        }
        return out.toByteArray();
    }

    @Override
    public void executeActions() throws SieveException {
        // SieveActions executes them.
    }
}
