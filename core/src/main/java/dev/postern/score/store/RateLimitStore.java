package dev.postern.score.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Counters for rate limits, one per key and fixed window. Fixed windows need only an atomic
 * increment (Cassandra: a counter column with the window start in the key), at the price of
 * allowing up to twice the rate across a window boundary.
 */
public interface RateLimitStore {

    /**
     * Adds one to the counter of {@code key} in the window starting at {@code windowStart} and
     * returns the new count. The counter may be forgotten after {@code window} has passed.
     */
    long increment(String key, Instant windowStart, Duration window);
}
