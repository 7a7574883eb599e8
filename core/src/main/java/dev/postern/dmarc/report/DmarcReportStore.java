package dev.postern.dmarc.report;

import java.util.Collection;
import java.util.List;

/**
 * The records of DMARC aggregate reports not yet sent, filed by report period and policy domain
 * (RFC 7489 section 7.2). In memory ({@link InMemoryDmarcReportStore}) or in Cassandra
 * (postern-cassandra), where every server of a cluster adds to the same reports.
 *
 * <p>Writes are idempotent: adding a record whose id is already filed changes nothing, so a
 * retried write never counts a message twice. Records leave only through {@link #delete}, by
 * id, once their report was handed over: records that arrive while a report is being built stay
 * for the next one.
 */
public interface DmarcReportStore {

    /** Files {@code record} under {@code period} and its policy domain. */
    void add(ReportPeriod period, DmarcReportRecord record);

    /** The periods that have records, oldest first. */
    List<ReportPeriod> periods();

    /** The policy domains that have records in {@code period}, sorted. */
    List<String> policyDomains(ReportPeriod period);

    /** The records of {@code policyDomain} in {@code period}, in no particular order. */
    List<DmarcReportRecord> records(String policyDomain, ReportPeriod period);

    /** Removes the records with these ids (those a report was made of); others stay. */
    void delete(String policyDomain, ReportPeriod period, Collection<String> recordIds);

    /** The records of {@code policyDomain} in {@code period} grouped as a report's rows. */
    default List<ReportRow> rows(String policyDomain, ReportPeriod period) {
        return ReportRow.group(records(policyDomain, period));
    }
}
