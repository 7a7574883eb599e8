package dev.postern.cassandra;

import java.time.Duration;

/** Cassandra TTLs: whole seconds, at least 1, at most 20 years (Cassandra's limit, CASSANDRA-14092). */
final class Ttl {

    static final int MAX_SECONDS = 630_720_000;

    private Ttl() {
    }

    static int seconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(MAX_SECONDS, seconds));
    }
}
