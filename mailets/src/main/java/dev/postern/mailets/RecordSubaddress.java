package dev.postern.mailets;

import java.util.HashMap;
import java.util.Optional;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
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
    public void service(Mail mail) throws MessagingException {
        Map<String, AttributeValue<?>> details = new HashMap<>(recordedDetails(mail));
        ImmutableList.Builder<MailAddress> recipients = ImmutableList.builder();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<Subaddress> subaddress = subaddressing.split(recipient.getLocalPart());
            Optional<MailAddress> user = subaddress.flatMap(found -> userAddress(found, recipient));
            if (user.isPresent()) {
                String detail = subaddress.get().detail();
                details.put(user.get().asString(), AttributeValue.of(detail));
                mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder()
                    .name(ORIGINAL_RECIPIENT_HEADER)
                    .value(recipient.asString())
                    .build(), user.get());
                onDetail(mail, user.get(), recipient, detail);
            }
            recipients.add(user.orElse(recipient));
        }
        mail.setRecipients(recipients.build().stream().distinct().collect(ImmutableList.toImmutableList()));
        mail.setAttribute(new Attribute(DETAILS, AttributeValue.of(details)));
    }

    /**
     * Called once per recipient that had a detail, after it was recorded: the extension point for
     * mailets that act on the detail, such as {@link FileIntoSubaddressFolder}.
     *
     * @param user the recipient as delivered, {@code user@domain}
     * @param original the recipient as addressed, {@code user+detail@domain}
     */
    protected void onDetail(Mail mail, MailAddress user, MailAddress original, String detail) throws MessagingException {
    }

    /**
     * {@code user@domain}, or empty when "user" alone is no valid local part (a quoted local part
     * such as {@code "me+x y"}): such a recipient is left as it is.
     */
    private static Optional<MailAddress> userAddress(Subaddress subaddress, MailAddress recipient) {
        try {
            return Optional.of(new MailAddress(subaddress.user(), recipient.getDomain()));
        } catch (AddressException e) {
            return Optional.empty();
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
