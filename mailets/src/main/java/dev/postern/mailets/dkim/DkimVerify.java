package dev.postern.mailets.dkim;

import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.dkim.AuthenticationResults;
import dev.postern.dkim.DkimVerifier;
import dev.postern.dkim.SignatureResult;
import dev.postern.dns.Resolver;
import dev.postern.inbound.AuthenticationAttributes;
import dev.postern.inbound.InboundPolicy;

/**
 * Verifies every DKIM signature of inbound mail (RFC 6376 section 6) and records the outcome:
 * <ul>
 * <li>an {@code Authentication-Results} header field on top (RFC 8601), one {@code dkim=}
 *     result per signature with header.d, header.i, header.s, header.a and header.b, or
 *     {@code dkim=none}; fields that arrive claiming our authserv-id are removed first
 *     (RFC 8601 section 5);</li>
 * <li>the mail attribute {@value #RESULT_ATTRIBUTE}: one word for the message (pass, fail,
 *     none, ..., see {@link DkimVerifier#overall});</li>
 * <li>the mail attribute {@value #RESULTS_ATTRIBUTE}: one string per signature,
 *     {@code "RESULT DOMAIN SELECTOR ALGORITHM"}, e.g. {@code "pass example.com sel rsa-sha256"},
 *     which {@code dev.postern.matchers.HasDkimResult} reads.</li>
 * </ul>
 * DNS failures give {@code temperror} and never stop delivery. Mail submitted by authenticated
 * users is left alone unless {@code verifyAuthenticated} is true: it is ours to sign, not to judge.
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postern.mailets.dkim.DkimVerify">
 *     <!-- optional: the authserv-id of Authentication-Results; default this host's name when it has a dot, else "postern" -->
 *     <authservId>mx.example.org</authservId>
 *     <!-- optional: also verify mail of authenticated users (default false) -->
 *     <verifyAuthenticated>false</verifyAuthenticated>
 * </mailet>
 * }</pre>
 */
public class DkimVerify extends GenericMailet {

    public static final String RESULT_ATTRIBUTE = AuthenticationAttributes.DKIM_RESULT;
    public static final String RESULTS_ATTRIBUTE = AuthenticationAttributes.DKIM_RESULTS;
    public static final AttributeName RESULT = AttributeName.of(RESULT_ATTRIBUTE);
    public static final AttributeName RESULTS = AttributeName.of(RESULTS_ATTRIBUTE);

    private static final Logger LOGGER = LoggerFactory.getLogger(DkimVerify.class);

    private final DkimVerifier verifier;
    private String authservId;
    private boolean verifyAuthenticated;

    @Inject
    public DkimVerify(Resolver resolver) {
        this.verifier = new DkimVerifier(resolver);
    }

    @Override
    public void init() throws MessagingException {
        try {
            authservId = AuthenticationResults.checkAuthservId(getInitParameter("authservId", InboundPolicy.defaultAuthservId()));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("DkimVerify <authservId>: " + e.getMessage());
        }
        verifyAuthenticated = getInitParameter("verifyAuthenticated", false);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!verifyAuthenticated && mail.getAttribute(Mail.SMTP_AUTH_USER).isPresent()) {
            return;
        }
        MimeMessage message = mail.getMessage();
        List<SignatureResult> results;
        try {
            results = verifier.verify(HeaderFields.rawBytes(message));
        } catch (RuntimeException e) {
            LOGGER.warn("DKIM: could not verify {}; delivering it without a DKIM result", mail.getName(), e);
            return;
        }
        results.forEach(result -> LOGGER.debug("DKIM {}: {}", mail.getName(), result));
        HeaderFields.prepend(message, List.of(AuthenticationResults.headerField(authservId, results)),
            line -> isOurs(line));
        record(mail, results);
    }

    /** Sets {@value #RESULT_ATTRIBUTE} and {@value #RESULTS_ATTRIBUTE}; also used by the SMTP hook that verifies at DATA. */
    public static void record(Mail mail, List<SignatureResult> results) {
        mail.setAttribute(new Attribute(RESULT, AttributeValue.of(DkimVerifier.overall(results).keyword())));
        mail.setAttribute(new Attribute(RESULTS, AttributeValue.of(AuthenticationAttributes.dkimResults(results).stream()
            .<AttributeValue<?>>map(AttributeValue::of).toList())));
    }

    private boolean isOurs(String line) {
        int colon = line.indexOf(':');
        return colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(AuthenticationResults.HEADER_NAME)
            && AuthenticationResults.isFrom(line.substring(colon + 1), authservId);
    }

    @Override
    public String getMailetInfo() {
        return "Verifies DKIM signatures and adds Authentication-Results";
    }
}
