package dev.postern.score.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the rules that need settings are set up.
 *
 * @param bayes the Bayes classifier
 * @param greylist greylisting
 * @param rbl DNS blocklists of client IPs, none by default (they need an agreement with the list's operator)
 * @param uribl DNS blocklists of URL domains, none by default
 * @param rateLimits rate limits, none by default
 * @param tagLeak whether the "+tag leak" rule runs
 * @param tagDelimiters the subaddress delimiters for the tag-leak rule
 * @param badExtensions attachment extensions that run code on the reader's machine, lower case, without dot
 * @param reputation the sender reputation rule
 */
public record RuleSettings(BayesSettings bayes, GreylistSettings greylist, List<DnsListZone> rbl,
                           List<DnsListZone> uribl, List<RateLimit> rateLimits, boolean tagLeak,
                           String tagDelimiters, Set<String> badExtensions,
                           ReputationSettings reputation) {

    public RuleSettings {
        rbl = List.copyOf(rbl);
        uribl = List.copyOf(uribl);
        rateLimits = List.copyOf(rateLimits);
        badExtensions = Set.copyOf(badExtensions);
        Objects.requireNonNull(reputation, "reputation");
    }
}
