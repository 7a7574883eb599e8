package dev.postern.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.postern.dmarc.Policy;
import dev.postern.dmarc.report.DmarcReportRecord.DkimAuth;
import dev.postern.dmarc.report.DmarcReportRecord.OverrideReason;
import dev.postern.dmarc.report.DmarcReportRecord.SpfAuth;

/**
 * What every {@link DmarcReportStore} does; subclassed once per implementation (in memory here,
 * Cassandra in postern-cassandra). Policy domains are unique per run: a shared store keeps
 * other runs' records.
 */
public abstract class DmarcReportStoreContract {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final ReportPeriod DAY = ReportPeriod.containing(T0, Duration.ofDays(1));
    private static final ReportPeriod NEXT_DAY = ReportPeriod.containing(DAY.end(), Duration.ofDays(1));

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String domain = run + ".example.com";
    private final String other = run + ".example.net";

    protected abstract DmarcReportStore store();

    /** A record with every field set, so that a store that drops one fails {@link #recordsComeBackAsWritten}. */
    static DmarcReportRecord record(String id, String policyDomain, String sourceIp, boolean pass, Instant at) {
        return new DmarcReportRecord(id, at, PublishedPolicy.of(policyDomain, Policy.REJECT),
            List.of("mailto:dmarc@" + policyDomain, "mailto:reports@dmarc.example.org!10485760"),
            sourceIp, "mail." + policyDomain, pass ? policyDomain : "forger.example",
            new SpfAuth(pass ? policyDomain : "forger.example", "mfrom", pass ? "pass" : "none"),
            pass ? List.of(new DkimAuth(policyDomain, "sel1", "pass"), new DkimAuth("esp.example", "s2", "fail")) : List.of(),
            pass ? Policy.NONE : Policy.QUARANTINE, pass, pass,
            pass ? List.of() : List.of(new OverrideReason(OverrideReason.SAMPLED_OUT, null),
                new OverrideReason(OverrideReason.LOCAL_POLICY, "trusted forwarder 192.0.2.1")));
    }

    @Test
    void recordsComeBackAsWritten() {
        DmarcReportStore store = store();
        DmarcReportRecord pass = record(run + "-1", domain, "192.0.2.10", true, T0);
        DmarcReportRecord fail = record(run + "-2", domain, "0:0:0:0:0:0:0:1", false, T0.plusSeconds(1));
        store.add(DAY, pass);
        store.add(DAY, fail);

        assertThat(store.periods()).contains(DAY);
        assertThat(store.policyDomains(DAY)).contains(domain).doesNotContain(other);
        assertThat(store.records(domain, DAY)).containsExactlyInAnyOrder(pass, fail);
    }

    @Test
    void aRetriedWriteCountsOnce() {
        DmarcReportStore store = store();
        DmarcReportRecord record = record(run + "-1", domain, "192.0.2.10", true, T0);
        store.add(DAY, record);
        store.add(DAY, record);

        assertThat(store.rows(domain, DAY)).singleElement().extracting(ReportRow::count).isEqualTo(1L);
    }

    @Test
    void rowsGroupMessagesWithTheSameSourceIdentifiersAndResults() {
        DmarcReportStore store = store();
        store.add(DAY, record(run + "-1", domain, "192.0.2.10", true, T0));
        store.add(DAY, record(run + "-2", domain, "192.0.2.10", true, T0.plusSeconds(1)));
        store.add(DAY, record(run + "-3", domain, "192.0.2.10", false, T0.plusSeconds(2)));
        store.add(DAY, record(run + "-4", domain, "198.51.100.7", true, T0.plusSeconds(3)));
        store.add(DAY, record(run + "-5", other, "192.0.2.10", true, T0.plusSeconds(4)));

        assertThat(store.rows(domain, DAY))
            .extracting(ReportRow::sourceIp, ReportRow::spfAligned, ReportRow::count)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("192.0.2.10", true, 2L),
                org.assertj.core.groups.Tuple.tuple("192.0.2.10", false, 1L),
                org.assertj.core.groups.Tuple.tuple("198.51.100.7", true, 1L));
        assertThat(store.rows(other, DAY)).extracting(ReportRow::count).containsExactly(1L);
    }

    @Test
    void periodsAreKeptApart() {
        DmarcReportStore store = store();
        store.add(DAY, record(run + "-1", domain, "192.0.2.10", true, T0));
        store.add(NEXT_DAY, record(run + "-2", other, "192.0.2.10", true, NEXT_DAY.begin()));

        assertThat(store.periods()).contains(DAY, NEXT_DAY);
        assertThat(store.policyDomains(DAY)).contains(domain).doesNotContain(other);
        assertThat(store.policyDomains(NEXT_DAY)).contains(other).doesNotContain(domain);
        assertThat(store.records(other, DAY)).isEmpty();
    }

    @Test
    void deletingAReportedPeriodKeepsTheRecordsThatArrivedMeanwhile() {
        DmarcReportStore store = store();
        DmarcReportRecord reported = record(run + "-1", domain, "192.0.2.10", true, T0);
        DmarcReportRecord later = record(run + "-2", domain, "192.0.2.10", true, T0.plusSeconds(5));
        store.add(DAY, reported);
        store.add(DAY, later);

        store.delete(domain, DAY, List.of(reported.id()));
        assertThat(store.records(domain, DAY)).containsExactly(later);
        assertThat(store.policyDomains(DAY)).contains(domain);

        store.delete(domain, DAY, List.of(later.id()));
        assertThat(store.records(domain, DAY)).isEmpty();
        assertThat(store.policyDomains(DAY)).doesNotContain(domain);
    }
}
