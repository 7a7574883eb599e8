package dev.postern.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.james.metrics.dropwizard.DropWizardGaugeRegistry;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.junit.jupiter.api.Test;

import com.codahale.metrics.MetricRegistry;

import dev.postern.cluster.LeaseStore;
import dev.postern.scanlog.ScanLog;
import dev.postern.scanlog.ScanLogStatus;
import dev.postern.score.Action;
import dev.postern.score.bayes.BayesStore;
import dev.postern.score.store.GreylistStore;
import dev.postern.score.store.RateLimitStore;
import dev.postern.score.store.TagSeenStore;
import dev.postern.storage.Stores;
import dev.postern.subaddress.FolderCreationCounts;

/** Against James's Dropwizard registry, the one WebAdmin's GET /metrics reads. */
class MetricsTest {

    final MetricRegistry registry = new MetricRegistry();
    final MailCheckMetrics metrics = new MailCheckMetrics(new DropWizardMetricFactory(registry));

    @Test
    void scansAreCountedByActionAndTimed() throws Exception {
        metrics.scanned(Action.GREYLIST);
        metrics.scanned(Action.GREYLIST);
        metrics.scanned(Action.NO_ACTION);
        String result = metrics.timeScan(() -> "verdict");

        assertThat(result).isEqualTo("verdict");
        assertThat(registry.meter("postern_scans_greylist").getCount()).isEqualTo(2);
        assertThat(registry.meter("postern_scans_no_action").getCount()).isEqualTo(1);
        assertThat(registry.getMeters()).doesNotContainKey("postern_scans_reject");
        assertThat(registry.timer(MailCheckMetrics.SCAN_TIME).getCount()).isEqualTo(1);
        assertThat(registry.getMeters()).doesNotContainKey(MailCheckMetrics.SCAN_FAILURES);
    }

    @Test
    void aScanThatThrowsIsCountedAsAFailureAndTheErrorGoesOn() {
        assertThatThrownBy(() -> metrics.timeScan(() -> {
            throw new IOException("cassandra timed out");
        })).isInstanceOf(IOException.class).hasMessage("cassandra timed out");

        assertThat(registry.meter(MailCheckMetrics.SCAN_FAILURES).getCount()).isEqualTo(1);
        assertThat(registry.timer(MailCheckMetrics.SCAN_TIME).getCount()).isEqualTo(1);
    }

    @Test
    void everyStoreCallIsTimedAndAFailureCountedWithItsOwnError() {
        DropWizardMetricFactory factory = new DropWizardMetricFactory(registry);
        GreylistStore greylist = StoreTimers.timed(GreylistStore.class, Stores.inMemory(Clock.systemUTC()).greylist(), "greylist", factory);
        RateLimitStore down = StoreTimers.timed(RateLimitStore.class, (key, windowStart, window) -> {
            throw new IllegalStateException("cassandra does not answer");
        }, "rate_limit", factory);
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        assertThat(greylist.firstSeen("192.0.2.1/a@example.com/b@example.org", now, Duration.ofDays(1))).isEqualTo(now);
        assertThat(greylist.firstSeen("192.0.2.1/a@example.com/b@example.org", now.plusSeconds(60), Duration.ofDays(1))).isEqualTo(now);
        assertThatThrownBy(() -> down.increment("client", now, Duration.ofMinutes(1)))
            .isInstanceOf(IllegalStateException.class).hasMessage("cassandra does not answer");

        assertThat(registry.timer("postern_store_greylist_time").getCount()).isEqualTo(2);
        assertThat(registry.getMeters()).doesNotContainKey("postern_store_greylist_failures");
        assertThat(registry.timer("postern_store_rate_limit_time").getCount()).isEqualTo(1);
        assertThat(registry.meter("postern_store_rate_limit_failures").getCount()).isEqualTo(1);
    }

    @Test
    void gaugesReadTheScanLogAndTheStorageWhenRead() {
        ScanLogStatus[] status = {new ScanLogStatus(true, 5, 2, 1, 3)};
        ScanLog scanLog = new ScanLog() {
            public boolean submit(dev.postern.scanlog.ScanRecord record) { return true; }
            public ScanLogStatus status() { return status[0]; }
        };
        boolean[] down = {false};
        new StorageGauges(new DropWizardGaugeRegistry(registry), scanLog, failing(Stores.inMemory(Clock.systemUTC()), down));

        assertThat(gauge(StorageGauges.SCANLOG_INDEXED)).isEqualTo(5L);
        assertThat(gauge(StorageGauges.SCANLOG_QUEUED)).isEqualTo(2L);
        assertThat(gauge(StorageGauges.SCANLOG_DEAD_LETTERS)).isEqualTo(1L);
        assertThat(gauge(StorageGauges.SCANLOG_FAILED_ATTEMPTS)).isEqualTo(3L);
        assertThat(gauge(StorageGauges.STORAGE_HEALTHY)).isEqualTo(1);

        status[0] = new ScanLogStatus(true, 6, 0, 1, 3);
        down[0] = true;
        assertThat(gauge(StorageGauges.SCANLOG_INDEXED)).isEqualTo(6L);
        assertThat(gauge(StorageGauges.STORAGE_HEALTHY)).isEqualTo(0);
    }

    private Object gauge(String name) {
        return registry.getGauges().get(name).getValue();
    }

    /** {@code stores} whose check throws while {@code down[0]}. */
    private static Stores failing(Stores stores, boolean[] down) {
        return new Stores() {
            public GreylistStore greylist() { return stores.greylist(); }
            public RateLimitStore rateLimit() { return stores.rateLimit(); }
            public TagSeenStore tagSeen() { return stores.tagSeen(); }
            public BayesStore bayes() { return stores.bayes(); }
            public LeaseStore leases() { return stores.leases(); }
            public FolderCreationCounts folderCreations() { return stores.folderCreations(); }
            public dev.postern.dmarc.report.DmarcReportStore dmarcReports() { return stores.dmarcReports(); }
            public dev.postern.score.store.ReputationStore reputation() { return stores.reputation(); }
            public String backend() { return "cassandra"; }
            public void check() {
                if (down[0]) {
                    throw new IllegalStateException("no node answers");
                }
            }
        };
    }
}
