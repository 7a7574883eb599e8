package dev.postern.matchers;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Base of the authentication matchers: all recipients when a String mail attribute left by
 * {@code dev.postern.smtp.AuthenticationHook} is one of the condition's comma-separated words,
 * compared without regard to case. Mail that was not checked (authenticated, trusted network)
 * has no attribute and never matches.
 */
public abstract class AttributeIsOneOf extends GenericMatcher {

    private final String attribute;
    private final Set<String> allowed;
    private Set<String> words;

    protected AttributeIsOneOf(String attribute, Set<String> allowed) {
        this.attribute = attribute;
        this.allowed = allowed;
    }

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).orElse("").trim();
        words = Arrays.stream(condition.split("[,\\s]+")).filter(w -> !w.isEmpty())
            .map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (words.isEmpty() || !allowed.containsAll(words)) {
            throw new MessagingException(getMatcherName() + ": the condition '" + condition
                + "' must be one or more of " + String.join(",", allowed.stream().sorted().toList())
                + ", e.g. match=\"" + getClass().getName() + "=" + allowed.stream().sorted().findFirst().orElse("") + "\"");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Optional<String> value = AttributeUtils.getValueAndCastFromMail(mail, AttributeName.of(attribute), String.class);
        return value.filter(v -> words.contains(v.toLowerCase(Locale.ROOT))).isPresent()
            ? List.copyOf(mail.getRecipients()) : List.of();
    }
}
