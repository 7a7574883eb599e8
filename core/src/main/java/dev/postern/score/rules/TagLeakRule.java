package dev.postern.score.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.postern.score.ScanContext;
import dev.postern.score.store.TagSeenStore;
import dev.postern.subaddress.Subaddressing;

/**
 * TAG_LEAK when mail to "user+tag" comes from a domain that never wrote to that tag before
 * while another domain did: the address given to one sender reached another. The first domain
 * to write to a tag is recorded as its owner; domains compare by registered domain, so
 * "mail.shop.example" and "shop.example" are one sender. Leaking domains are not recorded,
 * so every message from them keeps the symbol.
 */
public final class TagLeakRule implements Rule {

    private final TagSeenStore store;
    private final Subaddressing subaddressing;

    public TagLeakRule(TagSeenStore store, String delimiters) {
        this.store = store;
        this.subaddressing = Subaddressing.withDelimiters(delimiters);
    }

    @Override
    public List<Hit> check(RuleInput input) {
        String senderDomain = senderDomain(input);
        if (senderDomain.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        for (String recipient : input.context().recipients()) {
            int at = recipient.lastIndexOf('@');
            if (at <= 0) {
                continue;
            }
            String domain = recipient.substring(at + 1).toLowerCase(Locale.ROOT);
            subaddressing.split(recipient.substring(0, at)).filter(s -> !s.detail().isEmpty()).ifPresent(sub -> {
                String mailbox = sub.user().toLowerCase(Locale.ROOT) + "@" + domain;
                String tag = sub.detail().toLowerCase(Locale.ROOT);
                Set<String> seen = store.senderDomains(mailbox, tag);
                if (seen.isEmpty()) {
                    store.record(mailbox, tag, senderDomain, input.now());
                } else if (!seen.contains(senderDomain)) {
                    hits.add(Hit.of("TAG_LEAK", sub.localPart() + "@" + domain, senderDomain));
                }
            });
        }
        return hits;
    }

    /** The registered domain of the envelope sender, or of the From address for bounces. */
    private static String senderDomain(RuleInput input) {
        String domain = input.context().envelopeSenderDomain();
        if (domain.isEmpty()) {
            domain = ScanContext.domainOf(input.message().fromAddress());
        }
        return domain.isEmpty() ? "" : Domains.registered(domain);
    }

}
