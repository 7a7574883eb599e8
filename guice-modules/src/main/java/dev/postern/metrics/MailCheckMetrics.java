package dev.postern.metrics;

import java.util.Locale;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;

import dev.postern.inbound.AuthenticationOutcome;
import dev.postern.score.Action;

/**
 * Counters and timers of the checks made on mail from other servers (MX listener), for
 * {@code dev.postern.smtp.ScoringHook} and {@code dev.postern.smtp.AuthenticationHook}:
 * <ul>
 * <li>{@code postern_scans_ACTION}: messages scanned at the end of DATA, by action
 *     ({@code no_action}, {@code greylist}, {@code add_header}, {@code rewrite_subject},
 *     {@code soft_reject}, {@code reject}); {@code postern_scans_greylist} counts greylisted
 *     messages;</li>
 * <li>{@code postern_scan_time}: how long scanning took, storage included (greylisting, rate
 *     limits, Bayes: Cassandra with {@code storage=cassandra}) as well as DNS;</li>
 * <li>{@code postern_scan_failures}: scans that failed (e.g. the storage backend did not answer);
 *     such mail is not refused, the {@code ApplySpamVerdict} mailet scans it again;</li>
 * <li>{@code postern_spf_RESULT}, {@code postern_dkim_RESULT}, {@code postern_dmarc_RESULT}:
 *     messages checked at the end of DATA, by result (RFC 8601 words: {@code pass}, {@code fail},
 *     {@code softfail}, {@code neutral}, {@code none}, {@code temperror}, {@code permerror},
 *     {@code policy}); DKIM is the overall result of the message's signatures.</li>
 * </ul>
 */
@Singleton
public class MailCheckMetrics {

    public static final String SCANS_PREFIX = "postern_scans_";
    public static final String SCAN_TIME = "postern_scan_time";
    public static final String SCAN_FAILURES = "postern_scan_failures";
    public static final String SPF_PREFIX = "postern_spf_";
    public static final String DKIM_PREFIX = "postern_dkim_";
    public static final String DMARC_PREFIX = "postern_dmarc_";

    /** A scan, which may throw what scanning throws. */
    @FunctionalInterface
    public interface Scan<T, E extends Exception> {
        T run() throws E;
    }

    private final MetricFactory metrics;

    @Inject
    public MailCheckMetrics(MetricFactory metrics) {
        this.metrics = metrics;
    }

    /** Runs {@code scan} under {@value #SCAN_TIME}; a scan that throws counts in {@value #SCAN_FAILURES}. */
    public <T, E extends Exception> T timeScan(Scan<T, E> scan) throws E {
        TimeMetric timer = metrics.timer(SCAN_TIME);
        try {
            return scan.run();
        } catch (Exception e) {
            metrics.generate(SCAN_FAILURES).increment();
            throw e;
        } finally {
            timer.stopAndPublish();
        }
    }

    public void scanned(Action action) {
        metrics.generate(SCANS_PREFIX + action.name().toLowerCase(Locale.ROOT)).increment();
    }

    public void authenticated(AuthenticationOutcome outcome) {
        metrics.generate(SPF_PREFIX + outcome.spf().result().keyword()).increment();
        metrics.generate(DKIM_PREFIX + outcome.dkimResult().keyword()).increment();
        metrics.generate(DMARC_PREFIX + outcome.dmarc().result().keyword()).increment();
    }
}
