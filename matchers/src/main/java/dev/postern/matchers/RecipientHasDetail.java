package dev.postern.matchers;

import java.util.Collection;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.postern.subaddress.Subaddressing;

import com.google.common.collect.ImmutableList;

/**
 * Matches the recipients whose address carries a subaddress detail (RFC 5233), such as
 * {@code me+shop@example.org}, in a local domain. A recipient that is itself a local user
 * (someone really named "a+b") does not match.
 *
 * <p>The delimiters come from {@code postern.properties} ({@code subaddress.delimiters}, "+" by
 * default) through {@code dev.postern.guice.PosternModule}, which {@code extensions.properties}
 * must list.
 *
 * <pre>{@code
 * <mailet match="dev.postern.matchers.RecipientHasDetail" class="dev.postern.mailets.RecordSubaddress"/>
 * }</pre>
 */
public class RecipientHasDetail extends GenericMatcher {

    private final Subaddressing subaddressing;

    @Inject
    public RecipientHasDetail(Subaddressing subaddressing) {
        this.subaddressing = subaddressing;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
            .filter(this::hasDetail)
            .collect(ImmutableList.toImmutableList());
    }

    private boolean hasDetail(MailAddress recipient) {
        return subaddressing.split(recipient.getLocalPart()).isPresent()
            && getMailetContext().isLocalServer(recipient.getDomain())
            && !getMailetContext().isLocalEmail(recipient);
    }

    @Override
    public String getMatcherInfo() {
        return "Recipients of a local domain whose address has a subaddress detail";
    }
}
