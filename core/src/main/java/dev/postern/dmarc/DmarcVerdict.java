package dev.postern.dmarc;

import java.util.List;
import java.util.Optional;

/**
 * What DMARC evaluation found for one message.
 *
 * @param result the DMARC result
 * @param fromDomain the RFC5322.From domain, lowercase A-labels
 * @param policyDomain where the policy record was found: the From domain or its Organizational Domain
 * @param organizationalDomain the From domain's Organizational Domain (RFC 7489 section 3.2)
 * @param record the policy record, when one was found and valid
 * @param policy the policy the domain asks for (p, sp or np); {@link Policy#NONE} without a record
 * @param policySource which tag {@code policy} came from
 * @param disposition what to do with the message: the policy on {@link DmarcResult#FAIL}, after
 *                    pct sampling; {@link Policy#NONE} for every other result
 * @param sampledOut true when pct sampling left this failing message out, so the next lower policy applies
 * @param spfAligned true when SPF passed for a domain aligned with the From domain
 * @param alignedDkim the passing DKIM signatures whose d= aligns with the From domain
 * @param problem for results other than pass, what went wrong
 */
public record DmarcVerdict(DmarcResult result, String fromDomain, Optional<String> policyDomain,
                           String organizationalDomain, Optional<DmarcRecord> record, Policy policy,
                           DmarcVerifier.PolicySource policySource, Policy disposition, boolean sampledOut,
                           boolean spfAligned, List<DmarcVerifier.DkimInput> alignedDkim, Optional<String> problem) {

    static DmarcVerdict error(DmarcResult result, String fromDomain, String organizationalDomain, String problem) {
        return new DmarcVerdict(result, fromDomain, Optional.empty(), organizationalDomain, Optional.empty(), Policy.NONE,
            DmarcVerifier.PolicySource.P, Policy.NONE, false, false, List.of(), Optional.ofNullable(problem));
    }

    /** True when DKIM authenticated an aligned domain. */
    public boolean dkimAligned() {
        return !alignedDkim.isEmpty();
    }

    /** The d= domains of the aligned passing signatures. */
    public List<String> alignedDkimDomains() {
        return alignedDkim.stream().map(DmarcVerifier.DkimInput::domain).distinct().toList();
    }
}
