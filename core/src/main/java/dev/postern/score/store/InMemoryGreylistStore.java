package dev.postern.score.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link GreylistStore} in one JVM's memory: for a single server and for tests. */
public final class InMemoryGreylistStore implements GreylistStore {

    private final ConcurrentHashMap<String, Instant> firstSeen = new ConcurrentHashMap<>();

    @Override
    public Instant firstSeen(String triplet, Instant now, Duration expiry) {
        return firstSeen.compute(triplet, (key, seen) ->
            seen == null || seen.plus(expiry).isBefore(now) ? now : seen);
    }
}
