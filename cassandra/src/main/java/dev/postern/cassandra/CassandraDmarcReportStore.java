package dev.postern.cassandra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.postern.dmarc.Alignment;
import dev.postern.dmarc.Policy;
import dev.postern.dmarc.report.DmarcReportRecord;
import dev.postern.dmarc.report.DmarcReportRecord.DkimAuth;
import dev.postern.dmarc.report.DmarcReportRecord.OverrideReason;
import dev.postern.dmarc.report.DmarcReportRecord.SpfAuth;
import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.dmarc.report.PublishedPolicy;
import dev.postern.dmarc.report.ReportPeriod;

/**
 * {@link DmarcReportStore} in two tables: {@code dmarc_report_records}, one partition per
 * (policy domain, period) and one row per record id, so that a retried insert overwrites
 * itself; and {@code dmarc_report_periods}, the (period, domain) pairs that have records, in
 * one small partition that the reporting job lists. A record is written before its index row,
 * and the index row is removed only when a delete leaves its partition empty, so a record
 * added during a send is always listed again.
 *
 * <p>Lists inside a row (DKIM results, override reasons) are {@code list<text>} of fields
 * joined by {@value #SEPARATOR}, which no domain, selector or result word contains.
 */
public final class CassandraDmarcReportStore implements DmarcReportStore {

    static final String SEPARATOR = ";";
    /** The only partition of the index table. */
    private static final int INDEX_PARTITION = 0;

    private final CqlSession session;
    private final ConsistencyLevel read;
    private final ConsistencyLevel write;
    private final PreparedStatement insertRecord;
    private final PreparedStatement insertIndex;
    private final PreparedStatement selectPeriods;
    private final PreparedStatement selectDomains;
    private final PreparedStatement selectRecords;
    private final PreparedStatement anyRecord;
    private final PreparedStatement deleteRecords;
    private final PreparedStatement deleteIndex;

    public CassandraDmarcReportStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.read = settings.readConsistency();
        this.write = settings.writeConsistency();
        String records = settings.keyspace() + ".dmarc_report_records";
        String index = settings.keyspace() + ".dmarc_report_periods";
        this.insertRecord = session.prepare("INSERT INTO " + records + " (policy_domain, period_begin, period_end, record_id,"
            + " received_at, adkim, aspf, p, sp, pct, fo, report_addresses, source_ip, header_from, envelope_from, spf, dkim,"
            + " disposition, dkim_aligned, spf_aligned, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.insertIndex = session.prepare("INSERT INTO " + index + " (partition, period_begin, period_end, policy_domain) VALUES (?, ?, ?, ?)");
        this.selectPeriods = session.prepare("SELECT period_begin, period_end, policy_domain FROM " + index + " WHERE partition = ?");
        this.selectDomains = session.prepare("SELECT policy_domain FROM " + index
            + " WHERE partition = ? AND period_begin = ? AND period_end = ?");
        this.selectRecords = session.prepare("SELECT * FROM " + records + " WHERE policy_domain = ? AND period_begin = ? AND period_end = ?");
        this.anyRecord = session.prepare("SELECT record_id FROM " + records
            + " WHERE policy_domain = ? AND period_begin = ? AND period_end = ? LIMIT 1");
        this.deleteRecords = session.prepare("DELETE FROM " + records
            + " WHERE policy_domain = ? AND period_begin = ? AND period_end = ? AND record_id IN ?");
        this.deleteIndex = session.prepare("DELETE FROM " + index
            + " WHERE partition = ? AND period_begin = ? AND period_end = ? AND policy_domain = ?");
    }

    @Override
    public void add(ReportPeriod period, DmarcReportRecord record) {
        PublishedPolicy policy = record.policy();
        session.execute(insertRecord.bind(record.policyDomain(), period.begin(), period.end(), record.id(), record.receivedAt(),
            policy.adkim().keyword(), policy.aspf().keyword(), policy.policy().keyword(), policy.subdomainPolicy().keyword(),
            policy.percent(), policy.failureOptions(), record.reportAddresses(), record.sourceIp(), record.headerFrom(),
            record.envelopeFrom(), join(record.spf().domain(), record.spf().scope(), record.spf().result()),
            record.dkim().stream().map(dkim -> join(dkim.domain(), dkim.selector(), dkim.result())).toList(),
            record.disposition().keyword(), record.dkimAligned(), record.spfAligned(),
            record.reasons().stream().map(reason -> join(reason.type(), Optional.ofNullable(reason.comment()).orElse(""))).toList())
            .setConsistencyLevel(write));
        session.execute(insertIndex.bind(INDEX_PARTITION, period.begin(), period.end(), record.policyDomain()).setConsistencyLevel(write));
    }

    @Override
    public List<ReportPeriod> periods() {
        TreeSet<ReportPeriod> periods = new TreeSet<>();
        for (Row row : session.execute(selectPeriods.bind(INDEX_PARTITION).setConsistencyLevel(read))) {
            periods.add(new ReportPeriod(row.getInstant("period_begin"), row.getInstant("period_end")));
        }
        return List.copyOf(periods);
    }

    @Override
    public List<String> policyDomains(ReportPeriod period) {
        List<String> domains = new ArrayList<>();
        for (Row row : session.execute(selectDomains.bind(INDEX_PARTITION, period.begin(), period.end()).setConsistencyLevel(read))) {
            domains.add(row.getString("policy_domain"));
        }
        return List.copyOf(domains);
    }

    @Override
    public List<DmarcReportRecord> records(String policyDomain, ReportPeriod period) {
        List<DmarcReportRecord> records = new ArrayList<>();
        for (Row row : session.execute(selectRecords.bind(policyDomain, period.begin(), period.end()).setConsistencyLevel(read))) {
            records.add(record(row));
        }
        return records;
    }

    @Override
    public void delete(String policyDomain, ReportPeriod period, Collection<String> recordIds) {
        if (!recordIds.isEmpty()) {
            session.execute(deleteRecords.bind(policyDomain, period.begin(), period.end(), List.copyOf(recordIds)).setConsistencyLevel(write));
        }
        if (session.execute(anyRecord.bind(policyDomain, period.begin(), period.end()).setConsistencyLevel(read)).one() == null) {
            session.execute(deleteIndex.bind(INDEX_PARTITION, period.begin(), period.end(), policyDomain).setConsistencyLevel(write));
        }
    }

    private static DmarcReportRecord record(Row row) {
        String[] spf = split(row.getString("spf"), 3);
        return new DmarcReportRecord(row.getString("record_id"), row.getInstant("received_at"),
            new PublishedPolicy(row.getString("policy_domain"), alignment(row.getString("adkim")), alignment(row.getString("aspf")),
                policy(row.getString("p")), policy(row.getString("sp")), row.getInt("pct"), row.getString("fo")),
            row.getList("report_addresses", String.class), row.getString("source_ip"), row.getString("header_from"),
            row.getString("envelope_from"), new SpfAuth(spf[0], spf[1], spf[2]),
            row.getList("dkim", String.class).stream().map(text -> split(text, 3)).map(f -> new DkimAuth(f[0], f[1], f[2])).toList(),
            policy(row.getString("disposition")), row.getBoolean("dkim_aligned"), row.getBoolean("spf_aligned"),
            row.getList("reasons", String.class).stream().map(text -> split(text, 2))
                .map(f -> new OverrideReason(f[0], f[1].isEmpty() ? null : f[1])).toList());
    }

    private static String join(String... fields) {
        return String.join(SEPARATOR, fields);
    }

    /** The last field keeps any separator it holds (a reason's comment). */
    private static String[] split(String text, int fields) {
        String[] parts = text.split(SEPARATOR, fields);
        if (parts.length != fields) {
            throw new IllegalStateException("dmarc_report_records: '" + text + "' should have " + fields + " fields joined by " + SEPARATOR);
        }
        return parts;
    }

    private static Alignment alignment(String keyword) {
        return "s".equals(keyword) ? Alignment.STRICT : Alignment.RELAXED;
    }

    private static Policy policy(String keyword) {
        return Policy.fromKeyword(keyword).orElseThrow(() -> new IllegalStateException("dmarc_report_records: unknown policy '" + keyword + "'"));
    }
}
