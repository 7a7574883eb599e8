package dev.postern.cassandra;

import java.time.Duration;
import java.time.LocalDate;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.postern.subaddress.FolderCreationCounts;

/**
 * {@link FolderCreationCounts} in table {@code folder_creations}: one row per user and UTC day,
 * changed by compare-and-set (lightweight transactions) so that servers sharing the keyspace
 * never give a user more than the limit together; rows expire by TTL a day after their day.
 */
public final class CassandraFolderCreationCounts implements FolderCreationCounts {

    /** The day itself, plus a day for clocks and time zones. */
    static final Duration KEPT = Duration.ofDays(2);

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement select;
    private final ConsistencyLevel write;
    private final ConsistencyLevel serial;

    public CassandraFolderCreationCounts(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.write = settings.writeConsistency();
        this.serial = settings.serialConsistency();
        String table = settings.keyspace() + ".folder_creations";
        this.insert = session.prepare("INSERT INTO " + table + " (user, day, created) VALUES (?, ?, 1) IF NOT EXISTS USING TTL ?");
        this.update = session.prepare("UPDATE " + table + " USING TTL ? SET created = ? WHERE user = ? AND day = ? IF created = ?");
        this.select = session.prepare("SELECT created FROM " + table + " WHERE user = ? AND day = ?");
    }

    @Override
    public boolean tryTake(String user, LocalDate day, int limit) {
        if (limit <= 0) {
            return false;
        }
        int ttl = Ttl.seconds(KEPT);
        while (true) {
            ResultSet inserted = session.execute(insert.bind(user, day, ttl).setConsistencyLevel(write));
            if (inserted.wasApplied()) {
                return true;
            }
            Row current = inserted.one();
            while (current != null && !current.isNull("created")) {
                int count = current.getInt("created");
                if (count >= limit) {
                    return false;
                }
                ResultSet updated = session.execute(update.bind(ttl, count + 1, user, day, count).setConsistencyLevel(write));
                if (updated.wasApplied()) {
                    return true;
                }
                current = updated.one();
            }
            // the row expired between the two statements: insert again
        }
    }

    @Override
    public void giveBack(String user, LocalDate day) {
        int ttl = Ttl.seconds(KEPT);
        // read as the lightweight transactions see it (serial), then compare-and-set
        Row current = session.execute(select.bind(user, day).setConsistencyLevel(serial)).one();
        while (current != null && !current.isNull("created") && current.getInt("created") > 0) {
            int count = current.getInt("created");
            ResultSet updated = session.execute(update.bind(ttl, count - 1, user, day, count).setConsistencyLevel(write));
            if (updated.wasApplied()) {
                return;
            }
            current = updated.one();
        }
    }
}
