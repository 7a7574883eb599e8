package dev.postern.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class InMemoryDmarcReportStoreTest extends DmarcReportStoreContract {

    private final DmarcReportStore store = new InMemoryDmarcReportStore();

    @Override
    protected DmarcReportStore store() {
        return store;
    }

    @Test
    void aPeriodWithoutRecordsIsNoLongerListed() {
        ReportPeriod period = ReportPeriod.containing(java.time.Instant.parse("2026-01-02T10:00:00Z"), java.time.Duration.ofDays(1));
        store.add(period, record("only", "example.com", "192.0.2.1", true, period.begin()));
        store.delete("example.com", period, List.of("only"));
        assertThat(store.periods()).isEmpty();
    }
}
