package dev.postern.opensearch;

import java.time.Instant;
import java.util.Optional;

/**
 * A search of the scan log; every criterion is optional, the ones given must all match.
 * {@code result} matches when SPF, DKIM or DMARC has that result word ("fail" finds messages
 * any of the three failed).
 */
public record ScanQuery(Optional<String> senderDomain, Optional<String> result, Optional<String> action,
                        Optional<Instant> from, Optional<Instant> to, int limit) {

    public static ScanQuery all() {
        return new ScanQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    public ScanQuery senderDomain(String domain) {
        return new ScanQuery(Optional.of(domain.toLowerCase(java.util.Locale.ROOT)), result, action, from, to, limit);
    }

    public ScanQuery result(String word) {
        return new ScanQuery(senderDomain, Optional.of(word.toLowerCase(java.util.Locale.ROOT)), action, from, to, limit);
    }

    public ScanQuery action(String name) {
        return new ScanQuery(senderDomain, result, Optional.of(name.toLowerCase(java.util.Locale.ROOT)), from, to, limit);
    }

    /** From {@code start} (inclusive) to {@code end} (exclusive). */
    public ScanQuery between(Instant start, Instant end) {
        return new ScanQuery(senderDomain, result, action, Optional.of(start), Optional.of(end), limit);
    }

    public ScanQuery limit(int max) {
        return new ScanQuery(senderDomain, result, action, from, to, max);
    }
}
