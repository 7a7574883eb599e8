package dev.postern.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.postern.dkim.DkimResult;
import dev.postern.inbound.AuthenticationAttributes;

/**
 * Matches mail whose DKIM verification, done earlier by {@code dev.postern.mailets.dkim.DkimVerify},
 * had a given result: {@code HasDkimResult=pass} when any signature passed,
 * {@code HasDkimResult=pass,example.org} when a signature of d=example.org passed,
 * {@code HasDkimResult=none} when the message was not signed. Results are the words of
 * RFC 8601: pass, fail, neutral, policy, temperror, permerror, none. Mail that was not verified
 * (no DkimVerify before, or an authenticated submission) never matches.
 *
 * <pre>{@code
 * <mailet match="dev.postern.matchers.HasDkimResult=fail" class="ToProcessor">
 *     <processor>spam</processor>
 * </mailet>
 * }</pre>
 */
public class HasDkimResult extends GenericMatcher {

    /** Set by the SMTP hook or DkimVerify: "RESULT DOMAIN SELECTOR ALGORITHM" per signature. */
    static final AttributeName RESULTS = AttributeName.of(AuthenticationAttributes.DKIM_RESULTS);
    /** Set by the SMTP hook or DkimVerify: one word for the message. */
    static final AttributeName RESULT = AttributeName.of(AuthenticationAttributes.DKIM_RESULT);

    private DkimResult result;
    private Optional<String> domain;

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).orElse("").trim();
        String[] parts = condition.split("\\s*,\\s*", 2);
        try {
            result = DkimResult.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("HasDkimResult=" + condition + ": write HasDkimResult=RESULT[,DOMAIN] with RESULT one of "
                + "pass, fail, neutral, policy, temperror, permerror, none; e.g. HasDkimResult=pass,example.org");
        }
        domain = parts.length == 2 && !parts[1].isBlank() ? Optional.of(parts[1].toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return matches(mail) ? mail.getRecipients() : List.of();
    }

    private boolean matches(Mail mail) {
        if (result == DkimResult.NONE && domain.isEmpty()) {
            return AttributeUtils.getValueAndCastFromMail(mail, RESULT, String.class).filter("none"::equals).isPresent();
        }
        List<?> results = AttributeUtils.getValueAndCastFromMail(mail, RESULTS, List.class).orElse(List.of());
        return results.stream()
            .map(value -> value instanceof AttributeValue<?> attribute ? attribute.value() : value)
            .map(String::valueOf)
            .map(line -> line.split(" "))
            .anyMatch(fields -> fields[0].equals(result.keyword())
                && domain.map(d -> fields.length > 1 && fields[1].equalsIgnoreCase(d)).orElse(true));
    }

    @Override
    public String getMatcherInfo() {
        return "Mail with the given DKIM result (optionally for a signing domain)";
    }
}
