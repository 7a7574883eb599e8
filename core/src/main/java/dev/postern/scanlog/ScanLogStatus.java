package dev.postern.scanlog;

/**
 * Counters of a {@link ScanLog} since the server started.
 *
 * @param enabled whether records are kept at all
 * @param indexed records stored
 * @param queued records waiting to be stored
 * @param deadLetters records dropped: queue full, refused by the backend, or still failing
 *                    after the retry time
 * @param failedAttempts requests to the backend that failed and were retried
 */
public record ScanLogStatus(boolean enabled, long indexed, long queued, long deadLetters, long failedAttempts) {

    /** The status of a log that keeps nothing. */
    public static final ScanLogStatus NOTHING = new ScanLogStatus(false, 0, 0, 0, 0);
}
