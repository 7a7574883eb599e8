package dev.postern.dmarc.report;

import dev.postern.dmarc.Alignment;
import dev.postern.dmarc.DmarcRecord;
import dev.postern.dmarc.Policy;

/**
 * The policy record a report is about (RFC 7489 Appendix C, "PolicyPublishedType"), with the
 * defaults of section 6.3 filled in.
 *
 * @param domain where the record was found: the From domain or its Organizational Domain
 * @param subdomainPolicy sp, or p when the record has no sp (section 6.3)
 * @param failureOptions fo, as published ("0" by default)
 */
public record PublishedPolicy(String domain, Alignment adkim, Alignment aspf, Policy policy, Policy subdomainPolicy,
                              int percent, String failureOptions) {

    public static PublishedPolicy of(String domain, DmarcRecord record) {
        return new PublishedPolicy(domain, record.dkimAlignment(), record.spfAlignment(), record.policy(),
            record.subdomainPolicy().orElse(record.policy()), record.percent(), String.join(":", record.failureOptions()));
    }

    /** For tests and examples: p, relaxed alignment, pct=100. */
    public static PublishedPolicy of(String domain, Policy policy) {
        return of(domain, DmarcRecord.of(policy));
    }
}
