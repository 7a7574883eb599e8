package dev.postern.metrics;

import java.util.function.ToLongFunction;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.scanlog.ScanLog;
import dev.postern.scanlog.ScanLogStatus;
import dev.postern.storage.Stores;

/**
 * Gauges read when the metrics are read (WebAdmin's {@code GET /metrics}), registered once when
 * James creates Postern's module:
 * <ul>
 * <li>{@code postern_scanlog_indexed}, {@code postern_scanlog_queued},
 *     {@code postern_scanlog_dead_letters}, {@code postern_scanlog_failed_attempts}: the scan
 *     log's counts since the server started ({@link ScanLog#status()}, all 0 with
 *     {@code opensearch.enabled=false}); dead letters are records dropped, failed attempts
 *     requests to OpenSearch retried;</li>
 * <li>{@code postern_storage_healthy}: 1 when the backend of {@code storage=} answers a query
 *     now (memory always does), 0 when it does not: the same question as the "Postern storage"
 *     health check, asked at each read.</li>
 * </ul>
 */
public final class StorageGauges {

    public static final String SCANLOG_INDEXED = "postern_scanlog_indexed";
    public static final String SCANLOG_QUEUED = "postern_scanlog_queued";
    public static final String SCANLOG_DEAD_LETTERS = "postern_scanlog_dead_letters";
    public static final String SCANLOG_FAILED_ATTEMPTS = "postern_scanlog_failed_attempts";
    public static final String STORAGE_HEALTHY = "postern_storage_healthy";

    private static final Logger LOGGER = LoggerFactory.getLogger(StorageGauges.class);

    @Inject
    public StorageGauges(GaugeRegistry gauges, ScanLog scanLog, Stores stores) {
        scanLog(gauges, SCANLOG_INDEXED, scanLog, ScanLogStatus::indexed);
        scanLog(gauges, SCANLOG_QUEUED, scanLog, ScanLogStatus::queued);
        scanLog(gauges, SCANLOG_DEAD_LETTERS, scanLog, ScanLogStatus::deadLetters);
        scanLog(gauges, SCANLOG_FAILED_ATTEMPTS, scanLog, ScanLogStatus::failedAttempts);
        gauges.register(STORAGE_HEALTHY, () -> healthy(stores));
    }

    private static void scanLog(GaugeRegistry gauges, String name, ScanLog scanLog, ToLongFunction<ScanLogStatus> count) {
        gauges.register(name, () -> count.applyAsLong(scanLog.status()));
    }

    private static int healthy(Stores stores) {
        try {
            stores.check();
            return 1;
        } catch (RuntimeException e) {
            LOGGER.warn("{} storage does not answer: {}", stores.backend(), e.getMessage());
            return 0;
        }
    }
}
