package dev.postern.scanlog;

/**
 * Where scan records go. {@link #submit} never blocks and never throws: the mail flow must not
 * wait for, or fail because of, the log. Implementations: {@link #DISABLED} (the default,
 * {@code opensearch.enabled=false}) and postern-opensearch's bulk indexer.
 */
public interface ScanLog {

    /** Records nothing. */
    ScanLog DISABLED = record -> true;

    /** Queues {@code record}; false when it was dropped (queue full), counted as a dead letter. */
    boolean submit(ScanRecord record);

    /** Throws when the log's backend does not answer now (health checks). */
    default void check() {
    }
}
