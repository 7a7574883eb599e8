package dev.postern.mailets.score;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import dev.postern.inbound.AuthenticationAttributes;
import dev.postern.score.AuthResults;
import dev.postern.score.ScanContext;
import dev.postern.score.ScanResult;
import dev.postern.score.ScoringOptions;

/** Between James's {@link Mail} and the scoring core: the scan context, and the result as mail attributes. */
public final class MailScanning {

    private MailScanning() {
    }

    /** The context of a mail: envelope, client, authentication results from the attributes of {@link ScoringOptions}. */
    public static ScanContext context(Mail mail, Optional<InetAddress> clientIp, String helo, Optional<String> authenticatedUser) {
        AuthResults auth = AuthResults.of(word(mail, ScoringOptions.SPF_ATTRIBUTE), word(mail, ScoringOptions.DKIM_ATTRIBUTE),
            word(mail, ScoringOptions.DMARC_ATTRIBUTE), word(mail, ScoringOptions.DMARC_POLICY_ATTRIBUTE))
            .withDkimPassDomains(AuthenticationAttributes.passingDkimDomains(dkimResults(mail)));
        List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).toList();
        return new ScanContext(clientIp, helo, mail.getMaybeSender().asString(""), recipients, authenticatedUser, auth);
    }

    /** The message as bytes, as it will be delivered. */
    public static byte[] bytes(Mail mail) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(mail.getMessageSize(), 1 << 24)));
            mail.getMessage().writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("cannot read mail " + mail.getName() + " to scan it", e);
        }
    }

    /** Records the verdict, so that the mailet neither scans again nor needs the result object. */
    public static void record(Mail mail, ScanResult result) {
        set(mail, ScoringOptions.ACTION_ATTRIBUTE, result.actionHeader());
        set(mail, ScoringOptions.SCORE_ATTRIBUTE, result.scoreHeader());
        set(mail, ScoringOptions.SYMBOLS_ATTRIBUTE, result.symbolsHeader());
        set(mail, ScoringOptions.JSON_ATTRIBUTE, result.toJson());
    }

    private static void set(Mail mail, String name, String value) {
        mail.setAttribute(new Attribute(AttributeName.of(name), AttributeValue.of(value)));
    }

    /** The values of the per-signature DKIM results attribute, empty when absent. */
    private static List<?> dkimResults(Mail mail) {
        return mail.getAttribute(AttributeName.of(AuthenticationAttributes.DKIM_RESULTS)).map(Attribute::getValue)
            .map(AttributeValue::getValue).filter(List.class::isInstance).map(value -> ((List<?>) value).stream()
                .map(item -> item instanceof AttributeValue<?> attribute ? attribute.getValue() : item).toList())
            .orElse(List.of());
    }

    /** A string attribute's value; null when absent. */
    public static String word(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).map(Attribute::getValue).map(AttributeValue::getValue)
            .map(String::valueOf).orElse(null);
    }
}
