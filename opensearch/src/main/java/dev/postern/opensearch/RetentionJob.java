package dev.postern.opensearch;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.cluster.LeaseStore;

/**
 * Deletes daily scan indices older than {@code opensearch.retention.days}, once an hour, on one
 * server of the cluster at a time: each run first takes lease {@value #LEASE} from the
 * {@link LeaseStore} (Cassandra with storage=cassandra, so servers sharing it agree).
 */
public final class RetentionJob implements AutoCloseable {

    static final String LEASE = "opensearch-retention";
    static final Duration PERIOD = Duration.ofHours(1);
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionJob.class);

    private final ScanIndices indices;
    private final int retentionDays;
    private final LeaseStore leases;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "postern-scanlog-retention");
        thread.setDaemon(true);
        return thread;
    });

    public RetentionJob(ScanIndices indices, int retentionDays, LeaseStore leases, Clock clock) {
        this.indices = indices;
        this.retentionDays = retentionDays;
        this.leases = leases;
        this.clock = clock;
    }

    /** A started job for the indices of {@code settings}. */
    public static RetentionJob start(OpenSearchClients clients, OpenSearchSettings settings, LeaseStore leases, Clock clock) {
        return new RetentionJob(new ScanIndices(clients.rest(), settings.indexPrefix()), settings.retentionDays(), leases, clock)
            .start();
    }

    /** Runs now and then every hour. */
    public RetentionJob start() {
        scheduler.scheduleAtFixedRate(this::runLogged, 0, PERIOD.toMinutes(), TimeUnit.MINUTES);
        return this;
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (Exception e) {
            LOGGER.warn("scan log retention failed, next try in {}: {}", PERIOD, e.toString());
        }
    }

    /** One run; returns the indices deleted, empty when another server holds the lease. */
    public List<String> runOnce() throws Exception {
        if (!leases.tryAcquire(LEASE, owner, PERIOD.minusMinutes(5))) {
            return List.of();
        }
        List<String> deleted = indices.deleteExpired(LocalDate.now(clock.withZone(ZoneOffset.UTC)), retentionDays);
        if (!deleted.isEmpty()) {
            LOGGER.info("scan log retention ({} days): deleted {}", retentionDays, deleted);
        }
        return deleted;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        leases.release(LEASE, owner);
    }
}
