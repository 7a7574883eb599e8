package dev.postern.mailets;

import java.util.HashMap;
import java.util.Optional;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.PerRecipientHeaders;
import org.apache.mailet.base.GenericMailet;

import dev.postern.subaddress.Subaddress;
import dev.postern.subaddress.Subaddressing;

import com.google.common.collect.ImmutableList;

/**
 * Delivers {@code user+detail@domain} to {@code user@domain}, as Postfix and Dovecot do
 * (RFC 5233), and keeps the detail for later mailets:
 * <ul>
 *   <li>the mail attribute {@value #DETAILS_ATTRIBUTE} maps each rewritten recipient
 *       ({@code user@domain}) to its detail ({@code detail});</li>
 *   <li>the delivered copy gets an {@code X-Original-To: user+detail@domain} header, so the
 *       user sees which address the mail was sent to.</li>
 * </ul>
 * Recipients without a detail pass unchanged. Place it before {@code RecipientIsLocal}, which
 * would otherwise see {@code user+detail@domain} as no local user:
 *
 * <pre>{@code
 * <mailet match="dev.postern.matchers.RecipientHasDetail" class="dev.postern.mailets.RecordSubaddress"/>
 * }</pre>
 */
public class RecordSubaddress extends GenericMailet {

    public static final String DETAILS_ATTRIBUTE = "dev.postern.subaddress.details";
    public static final AttributeName DETAILS = AttributeName.of(DETAILS_ATTRIBUTE);
    public static final String ORIGINAL_RECIPIENT_HEADER = "X-Original-To";

    private final Subaddressing subaddressing;

    @Inject
    public RecordSubaddress(Subaddressing subaddressing) {
        this.subaddressing = subaddressing;
    }

    @Override
    public void service(Mail mail) throws MailetException {
        Map<String, AttributeValue<?>> details = new HashMap<>(recordedDetails(mail));
        ImmutableList.Builder<MailAddress> recipients = ImmutableList.builder();
        for (MailAddress recipient : mail.getRecipients()) {
            MailAddress delivered = subaddressing.split(recipient.getLocalPart())
                .map(subaddress -> record(mail, recipient, subaddress, details))
                .orElse(recipient);
            recipients.add(delivered);
        }
        mail.setRecipients(recipients.build().stream().distinct().collect(ImmutableList.toImmutableList()));
        mail.setAttribute(new Attribute(DETAILS, AttributeValue.of(details)));
    }

    private MailAddress record(Mail mail, MailAddress recipient, Subaddress subaddress, Map<String, AttributeValue<?>> details) {
        MailAddress user = userAddress(subaddress, recipient);
        details.put(user.asString(), AttributeValue.of(subaddress.detail()));
        mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder()
            .name(ORIGINAL_RECIPIENT_HEADER)
            .value(recipient.asString())
            .build(), user);
        return user;
    }

    private static MailAddress userAddress(Subaddress subaddress, MailAddress recipient) {
        try {
            return new MailAddress(subaddress.user(), recipient.getDomain());
        } catch (AddressException e) {
            // Cannot happen: the user part is a prefix of a local part that parsed.
            throw new IllegalStateException("subaddress: '" + subaddress.user() + "' of " + recipient.asString()
                + " is not a valid local part", e);
        }
    }

    /** The details recorded by an earlier pass, e.g. when the mail was split by a matcher. */
    private static Map<String, AttributeValue<?>> recordedDetails(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, DETAILS, Map.class)
            .map(map -> castDetails((Map<?, ?>) map))
            .orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue<?>> castDetails(Map<?, ?> map) {
        return (Map<String, AttributeValue<?>>) map;
    }

    /** The detail recorded for a (rewritten) recipient, if any: for later mailets. */
    public static Optional<String> detailOf(Mail mail, MailAddress recipient) {
        return Optional.ofNullable(recordedDetails(mail).get(recipient.asString()))
            .map(AttributeValue::value)
            .map(String.class::cast);
    }

    @Override
    public String getMailetInfo() {
        return "Maps user+detail@domain to user@domain and records the detail";
    }

}
