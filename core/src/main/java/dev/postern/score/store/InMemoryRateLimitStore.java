package dev.postern.score.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RateLimitStore} in one JVM's memory; windows older than the current one are dropped as keys move on. */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private record Window(Instant start, long count) {
    }

    private final ConcurrentHashMap<String, Window> counters = new ConcurrentHashMap<>();

    @Override
    public long increment(String key, Instant windowStart, Duration window) {
        return counters.compute(key, (k, current) ->
            current == null || !current.start().equals(windowStart)
                ? new Window(windowStart, 1)
                : new Window(windowStart, current.count() + 1)).count();
    }
}
