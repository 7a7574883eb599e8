package dev.postern.score.store;

import java.time.Duration;
import java.time.Instant;

/**
 * When each greylisting triplet (client network, envelope sender, recipient) was first seen.
 * One atomic operation, so a store shared by several servers (Cassandra: INSERT ... IF NOT
 * EXISTS USING TTL) gives one answer per triplet.
 */
public interface GreylistStore {

    /**
     * Records {@code now} as the first sight of {@code triplet} unless one is recorded, and returns
     * the first sight. A record older than {@code expiry} is forgotten: the next sight starts anew.
     *
     * @param triplet an opaque key built by the greylisting rule
     */
    Instant firstSeen(String triplet, Instant now, Duration expiry);
}
