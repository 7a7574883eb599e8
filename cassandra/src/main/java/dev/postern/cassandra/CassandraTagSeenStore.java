package dev.postern.cassandra;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.postern.score.store.TagSeenStore;

/** {@link TagSeenStore} in table {@code tag_seen}: one partition per user+tag, one row per sender domain. */
public final class CassandraTagSeenStore implements TagSeenStore {

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final ConsistencyLevel readConsistency;
    private final ConsistencyLevel writeConsistency;

    public CassandraTagSeenStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        String table = settings.keyspace() + ".tag_seen";
        this.select = session.prepare("SELECT sender_domain FROM " + table + " WHERE mailbox = ? AND tag = ?");
        this.insert = session.prepare("INSERT INTO " + table + " (mailbox, tag, sender_domain, seen_at) VALUES (?, ?, ?, ?)");
        this.readConsistency = settings.readConsistency();
        this.writeConsistency = settings.writeConsistency();
    }

    @Override
    public Set<String> senderDomains(String mailbox, String tag) {
        Set<String> domains = new HashSet<>();
        for (Row row : session.execute(select.bind(lower(mailbox), lower(tag)).setConsistencyLevel(readConsistency))) {
            domains.add(row.getString("sender_domain"));
        }
        return Set.copyOf(domains);
    }

    @Override
    public void record(String mailbox, String tag, String senderDomain, Instant when) {
        session.execute(insert.bind(lower(mailbox), lower(tag), lower(senderDomain), when).setConsistencyLevel(writeConsistency));
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
