package dev.postern.cassandra;

import java.time.Duration;
import java.time.Instant;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.postern.score.store.RateLimitStore;

/**
 * {@link RateLimitStore} in table {@code rate_limit}: one row per key and window, incremented
 * by compare-and-set (lightweight transactions), so every caller gets its own count even across
 * servers, and rows expire by TTL once the window is over (counter columns could not).
 */
public final class CassandraRateLimitStore implements RateLimitStore {

    /** Rows outlive their window by this much, for clocks a little apart. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final ConsistencyLevel write;

    public CassandraRateLimitStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.write = settings.writeConsistency();
        String table = settings.keyspace() + ".rate_limit";
        this.insert = session.prepare("INSERT INTO " + table + " (limit_key, window_start, hits) VALUES (?, ?, 1) IF NOT EXISTS USING TTL ?");
        this.update = session.prepare("UPDATE " + table + " USING TTL ? SET hits = ? WHERE limit_key = ? AND window_start = ? IF hits = ?");
    }

    @Override
    public long increment(String key, Instant windowStart, Duration window) {
        int ttl = Ttl.seconds(window.plus(GRACE));
        while (true) {
            ResultSet inserted = session.execute(insert.bind(key, windowStart, ttl).setConsistencyLevel(write));
            if (inserted.wasApplied()) {
                return 1;
            }
            Row current = inserted.one();
            while (current != null && !current.isNull("hits")) {
                long count = current.getLong("hits");
                ResultSet updated = session.execute(update.bind(ttl, count + 1, key, windowStart, count).setConsistencyLevel(write));
                if (updated.wasApplied()) {
                    return count + 1;
                }
                current = updated.one();
            }
        }
    }
}
