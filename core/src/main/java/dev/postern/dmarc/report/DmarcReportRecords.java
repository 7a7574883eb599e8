package dev.postern.dmarc.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.postern.dmarc.DmarcRecord;
import dev.postern.dmarc.DmarcResult;
import dev.postern.dmarc.DmarcVerdict;
import dev.postern.dmarc.report.DmarcReportRecord.DkimAuth;
import dev.postern.dmarc.report.DmarcReportRecord.OverrideReason;
import dev.postern.dmarc.report.DmarcReportRecord.SpfAuth;
import dev.postern.inbound.AuthenticationOutcome;
import dev.postern.spf.SpfVerdict;

/** Turns what checking a message found into the record its aggregate report counts (RFC 7489 section 7.2). */
public final class DmarcReportRecords {

    private DmarcReportRecords() {
    }

    /**
     * The record of a checked message, when DMARC found a policy (pass or fail) whose rua= names
     * at least one mailto: URI, the only kind of destination Postern sends to (section 7.2.1).
     *
     * @param id unique per message (e.g. James's mail name): the store counts an id once
     */
    public static Optional<DmarcReportRecord> of(String id, Instant receivedAt, AuthenticationOutcome outcome) {
        DmarcVerdict dmarc = outcome.dmarc();
        if (dmarc.record().isEmpty() || dmarc.policyDomain().isEmpty()
            || dmarc.result() != DmarcResult.PASS && dmarc.result() != DmarcResult.FAIL) {
            return Optional.empty();
        }
        DmarcRecord record = dmarc.record().get();
        List<String> addresses = record.aggregateReports().stream().filter(DmarcRecord.ReportUri::isMailto)
            .map(DmarcRecord.ReportUri::text).toList();
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        SpfVerdict spf = outcome.spf();
        List<DkimAuth> dkim = outcome.dkim().stream().filter(signature -> !signature.domain().isEmpty())
            .map(signature -> new DkimAuth(signature.domain(), signature.selector(), signature.result().keyword())).toList();
        List<OverrideReason> reasons = new ArrayList<>();
        if (dmarc.sampledOut()) {
            reasons.add(new OverrideReason(OverrideReason.SAMPLED_OUT, null));
        }
        outcome.override().ifPresent(why -> reasons.add(new OverrideReason(OverrideReason.LOCAL_POLICY, why)));
        return Optional.of(new DmarcReportRecord(id, receivedAt, PublishedPolicy.of(dmarc.policyDomain().get(), record), addresses,
            spf.ip().getHostAddress(), dmarc.fromDomain(), spf.domain(),
            new SpfAuth(spf.domain(), spf.identity() == SpfVerdict.Identity.HELO ? "helo" : "mfrom", spf.result().keyword()),
            dkim, outcome.disposition(), dmarc.dkimAligned(), dmarc.spfAligned(), reasons));
    }
}
