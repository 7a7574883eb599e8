package dev.postern.dmarc.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.postern.dmarc.Policy;
import dev.postern.dmarc.report.DmarcReportRecord.DkimAuth;
import dev.postern.dmarc.report.DmarcReportRecord.OverrideReason;
import dev.postern.dmarc.report.DmarcReportRecord.SpfAuth;

/**
 * One {@code <record>} of an aggregate report: messages from one source IP with the same
 * identifiers and results, and how many (RFC 7489 Appendix C, "RecordType" and "RowType").
 */
public record ReportRow(String sourceIp, String headerFrom, String envelopeFrom, SpfAuth spf, List<DkimAuth> dkim,
                        Policy disposition, boolean dkimAligned, boolean spfAligned, List<OverrideReason> reasons, long count) {

    /** Records grouped into rows, in the order each row first appears (by time). */
    public static List<ReportRow> group(Collection<DmarcReportRecord> records) {
        Map<ReportRow, Long> counts = new LinkedHashMap<>();
        records.stream().sorted(Comparator.comparing(DmarcReportRecord::receivedAt).thenComparing(DmarcReportRecord::id))
            .forEach(record -> counts.merge(key(record), 1L, Long::sum));
        List<ReportRow> rows = new ArrayList<>();
        counts.forEach((key, count) -> rows.add(key.withCount(count)));
        return List.copyOf(rows);
    }

    private static ReportRow key(DmarcReportRecord record) {
        return new ReportRow(record.sourceIp(), record.headerFrom(), record.envelopeFrom(), record.spf(), record.dkim(),
            record.disposition(), record.dkimAligned(), record.spfAligned(), record.reasons(), 0);
    }

    private ReportRow withCount(long count) {
        return new ReportRow(sourceIp, headerFrom, envelopeFrom, spf, dkim, disposition, dkimAligned, spfAligned, reasons, count);
    }
}
