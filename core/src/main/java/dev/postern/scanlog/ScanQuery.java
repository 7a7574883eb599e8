package dev.postern.scanlog;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A search of the scan log; every criterion is optional, the ones given must all match.
 * {@code result} matches when SPF, DKIM or DMARC has that result word ("fail" finds messages
 * any of the three failed); {@code spf}, {@code dkim} and {@code dmarc} match one method's result
 * (RFC 8601 words: pass, fail, softfail, neutral, none, temperror, permerror, policy).
 * "Every message that failed DMARC from my domain this week":
 * {@code ScanQuery.all().senderDomain("example.org").dmarc("fail").from(weekStart)}.
 *
 * @param from inclusive
 * @param to exclusive
 * @param limit at most this many records, newest first; 1 to {@value #LIMIT_MAX}
 */
public record ScanQuery(Optional<String> senderDomain, Optional<String> result, Optional<String> spf,
                        Optional<String> dkim, Optional<String> dmarc, Optional<String> action,
                        Optional<Instant> from, Optional<Instant> to, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    /** OpenSearch's index.max_result_window: one page never goes further. */
    public static final int LIMIT_MAX = 10_000;

    public ScanQuery {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit: give 1 to " + LIMIT_MAX + ", not " + limit);
        }
    }

    public static ScanQuery all() {
        return new ScanQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    public ScanQuery senderDomain(String domain) {
        return new ScanQuery(word(domain), result, spf, dkim, dmarc, action, from, to, limit);
    }

    public ScanQuery result(String word) {
        return new ScanQuery(senderDomain, word(word), spf, dkim, dmarc, action, from, to, limit);
    }

    public ScanQuery spf(String word) {
        return new ScanQuery(senderDomain, result, word(word), dkim, dmarc, action, from, to, limit);
    }

    public ScanQuery dkim(String word) {
        return new ScanQuery(senderDomain, result, spf, word(word), dmarc, action, from, to, limit);
    }

    public ScanQuery dmarc(String word) {
        return new ScanQuery(senderDomain, result, spf, dkim, word(word), action, from, to, limit);
    }

    /** An action word as the scoring writes it: "reject", "soft reject", "add header", ... */
    public ScanQuery action(String name) {
        return new ScanQuery(senderDomain, result, spf, dkim, dmarc, word(name), from, to, limit);
    }

    public ScanQuery from(Instant start) {
        return new ScanQuery(senderDomain, result, spf, dkim, dmarc, action, Optional.of(start), to, limit);
    }

    public ScanQuery to(Instant end) {
        return new ScanQuery(senderDomain, result, spf, dkim, dmarc, action, from, Optional.of(end), limit);
    }

    /** From {@code start} (inclusive) to {@code end} (exclusive). */
    public ScanQuery between(Instant start, Instant end) {
        return from(start).to(end);
    }

    public ScanQuery limit(int max) {
        return new ScanQuery(senderDomain, result, spf, dkim, dmarc, action, from, to, max);
    }

    private static Optional<String> word(String value) {
        return Optional.of(value.trim().toLowerCase(Locale.ROOT));
    }
}
