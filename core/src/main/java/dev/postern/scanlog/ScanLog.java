package dev.postern.scanlog;

import java.io.IOException;
import java.util.List;

/**
 * Where scan records go, and how they are found again. {@link #submit} never blocks and never
 * throws: the mail flow must not wait for, or fail because of, the log. Implementations:
 * {@link #DISABLED} (the default, {@code opensearch.enabled=false}) and postern-opensearch's
 * bulk indexer.
 */
public interface ScanLog {

    /** Records nothing, finds nothing. */
    ScanLog DISABLED = record -> true;

    /** Queues {@code record}; false when it was dropped (queue full), counted as a dead letter. */
    boolean submit(ScanRecord record);

    /** Throws when the log's backend does not answer now (health checks). */
    default void check() {
    }

    /**
     * The records matching {@code query}, newest first.
     *
     * @throws UnsupportedOperationException when this log keeps nothing ({@link #DISABLED})
     * @throws IOException when the backend does not answer
     */
    default List<ScanRecord> search(ScanQuery query) throws IOException {
        throw new UnsupportedOperationException(
            "the scan log is off: set opensearch.enabled=true (and opensearch.hosts) in conf/postern.properties");
    }

    /** What the log has done since the server started. */
    default ScanLogStatus status() {
        return ScanLogStatus.NOTHING;
    }
}
