package dev.postern.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.postern.score.store.GreylistStore;

/**
 * {@link GreylistStore} in table {@code greylist}: the first sight is taken with
 * {@code INSERT ... IF NOT EXISTS USING TTL}, so servers sharing the keyspace agree on it; a
 * sight after the expiry replaces it with a compare-and-set on the old value. The TTL only
 * collects rows nobody asks for again.
 */
public final class CassandraGreylistStore implements GreylistStore {

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement replace;
    private final ConsistencyLevel write;

    public CassandraGreylistStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.write = settings.writeConsistency();
        String table = settings.keyspace() + ".greylist";
        this.insert = session.prepare("INSERT INTO " + table + " (triplet, first_seen) VALUES (?, ?) IF NOT EXISTS USING TTL ?");
        this.replace = session.prepare("UPDATE " + table + " USING TTL ? SET first_seen = ? WHERE triplet = ? IF first_seen = ?");
    }

    @Override
    public Instant firstSeen(String triplet, Instant sight, Duration expiry) {
        // Cassandra keeps milliseconds: answer the first sight as later reads will
        Instant now = sight.truncatedTo(ChronoUnit.MILLIS);
        int ttl = Ttl.seconds(expiry);
        while (true) {
            ResultSet inserted = session.execute(insert.bind(triplet, now, ttl).setConsistencyLevel(write));
            if (inserted.wasApplied()) {
                return now;
            }
            Row existing = inserted.one();
            while (existing != null) {
                Instant seen = existing.getInstant("first_seen");
                if (!seen.plus(expiry).isBefore(now)) {
                    return seen;
                }
                ResultSet replaced = session.execute(replace.bind(ttl, now, triplet, seen).setConsistencyLevel(write));
                if (replaced.wasApplied()) {
                    return now;
                }
                existing = replaced.one();
                if (existing != null && existing.isNull("first_seen")) {
                    existing = null;
                }
            }
            // the row expired between the two statements: insert again
        }
    }
}
