package dev.postern.dmarc.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.postern.dmarc.Policy;

/**
 * What one message contributes to its policy domain's aggregate report (RFC 7489 section 7.2
 * and Appendix C): who sent it, what SPF and DKIM said, and what DMARC made of it.
 *
 * @param id unique per message: writing the same record twice counts it once
 * @param receivedAt when the message was checked
 * @param policy the policy record used; its domain is the report's policy domain
 * @param reportAddresses the record's rua= destinations, as written ("mailto:dmarc@example.com!10m")
 * @param sourceIp the SMTP client's address
 * @param headerFrom the RFC5322.From domain
 * @param envelopeFrom the RFC5321.MailFrom domain (the HELO name for a null reverse-path)
 * @param spf the SPF result DMARC used
 * @param dkim one result per DKIM-Signature with a d= tag
 * @param disposition what was done: none, quarantine or reject
 * @param dkimAligned DMARC's DKIM result: an aligned signature passed
 * @param spfAligned DMARC's SPF result: SPF passed for an aligned domain
 * @param reasons why the disposition differs from the policy, if it does
 */
public record DmarcReportRecord(String id, Instant receivedAt, PublishedPolicy policy, List<String> reportAddresses,
                                String sourceIp, String headerFrom, String envelopeFrom, SpfAuth spf, List<DkimAuth> dkim,
                                Policy disposition, boolean dkimAligned, boolean spfAligned, List<OverrideReason> reasons) {

    public DmarcReportRecord {
        Objects.requireNonNull(id, "id");
        reportAddresses = List.copyOf(reportAddresses);
        dkim = List.copyOf(dkim);
        reasons = List.copyOf(reasons);
    }

    public String policyDomain() {
        return policy.domain();
    }

    /** An SPF result as reported (Appendix C, "SPFAuthResultType"): scope "mfrom" or "helo". */
    public record SpfAuth(String domain, String scope, String result) {
    }

    /** A DKIM result as reported (Appendix C, "DKIMAuthResultType"). */
    public record DkimAuth(String domain, String selector, String result) {
    }

    /**
     * Why the disposition is not the published policy (Appendix C, "PolicyOverrideType"):
     * sampled_out, trusted_forwarder, local_policy, ...
     */
    public record OverrideReason(String type, String comment) {
        public static final String SAMPLED_OUT = "sampled_out";
        public static final String LOCAL_POLICY = "local_policy";
    }
}
