package dev.postern.mailets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import dev.postern.authresults.AuthenticationResults;
import dev.postern.authresults.AuthenticationResultsParser;
import dev.postern.inbound.AuthenticationAttributes;
import dev.postern.inbound.InboundPolicy;
import dev.postern.spf.ReceivedSpf;

/**
 * Writes what {@code dev.postern.smtp.AuthenticationHook} found into the message:
 * <ul>
 * <li>removes every Authentication-Results field that claims our authserv-id: in incoming
 *     mail it is forged (RFC 8601 section 5);</li>
 * <li>adds, at the top, one Authentication-Results field with spf, dkim and dmarc (RFC 8601)
 *     and a Received-SPF field (RFC 7208 section 9.1), when the hook checked the message
 *     (not for authenticated or trusted clients).</li>
 * </ul>
 * The authserv-id is {@code authentication.authserv-id} of {@code conf/postern.properties}
 * (default: this host's name). In the transport processor, before delivery:
 * <pre>{@code
 * <mailet match="All" class="dev.postern.mailets.AddAuthenticationResults"/>
 * }</pre>
 */
public class AddAuthenticationResults extends GenericMailet {

    private final InboundPolicy policy;

    @Inject
    public AddAuthenticationResults(InboundPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<String> ours = new ArrayList<>();
        attribute(mail, AuthenticationAttributes.AUTHENTICATION_RESULTS).ifPresent(value -> ours.add(AuthenticationResults.NAME + ": " + value));
        attribute(mail, AuthenticationAttributes.RECEIVED_SPF).ifPresent(value -> ours.add(ReceivedSpf.NAME + ": " + value));
        removeForged(message);
        if (!ours.isEmpty()) {
            prepend(message, ours);
        }
        // No saveChanges(): James keeps and writes the changed header fields as they are, while
        // saveChanges() re-parses every MIME part and throws on a malformed one, which would
        // send the mail to the error processor instead of the user.
    }

    /** True when a field claiming our authserv-id was removed. */
    private boolean removeForged(MimeMessage message) throws MessagingException {
        String[] values = message.getHeader(AuthenticationResults.NAME);
        if (values == null) {
            return false;
        }
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (!AuthenticationResultsParser.claims(value, policy.authservId())) {
                kept.add(value);
            }
        }
        if (kept.size() == values.length) {
            return false;
        }
        message.removeHeader(AuthenticationResults.NAME);
        for (String value : kept) {
            message.addHeader(AuthenticationResults.NAME, value);
        }
        return true;
    }

    /** Trace fields go on top (RFC 8601 section 2, RFC 7208 section 9.1): re-adds the others after ours, in order. */
    private static void prepend(MimeMessage message, List<String> fields) throws MessagingException {
        List<String> lines = Collections.list(message.getAllHeaderLines());
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                names.add(line.substring(0, colon).trim());
            }
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        for (String field : fields) {
            message.addHeaderLine(field);
        }
        for (String line : lines) {
            message.addHeaderLine(line);
        }
    }

    private static Optional<String> attribute(Mail mail, String name) {
        return AttributeUtils.getValueAndCastFromMail(mail, AttributeName.of(name), String.class);
    }

    @Override
    public String getMailetInfo() {
        return "Authentication-Results (spf, dkim, dmarc) and Received-SPF; forged Authentication-Results removed";
    }
}
