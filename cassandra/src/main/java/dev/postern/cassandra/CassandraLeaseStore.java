package dev.postern.cassandra;

import java.time.Duration;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import dev.postern.cluster.LeaseStore;

/**
 * {@link LeaseStore} in table {@code leases} with lightweight transactions: taken with
 * {@code INSERT ... IF NOT EXISTS USING TTL}, renewed and released only by the owner
 * ({@code ... IF owner = ?}); a lease not renewed disappears with its TTL.
 */
public final class CassandraLeaseStore implements LeaseStore {

    private final CqlSession session;
    private final PreparedStatement acquire;
    private final PreparedStatement renew;
    private final PreparedStatement release;
    private final ConsistencyLevel write;

    public CassandraLeaseStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        String table = settings.keyspace() + ".leases";
        this.acquire = session.prepare("INSERT INTO " + table + " (name, owner) VALUES (?, ?) IF NOT EXISTS USING TTL ?");
        this.renew = session.prepare("UPDATE " + table + " USING TTL ? SET owner = ? WHERE name = ? IF owner = ?");
        this.release = session.prepare("DELETE FROM " + table + " WHERE name = ? IF owner = ?");
        this.write = settings.writeConsistency();
    }

    @Override
    public boolean tryAcquire(String name, String owner, Duration ttl) {
        return session.execute(acquire.bind(name, owner, Ttl.seconds(ttl)).setConsistencyLevel(write)).wasApplied();
    }

    @Override
    public boolean renew(String name, String owner, Duration ttl) {
        return session.execute(renew.bind(Ttl.seconds(ttl), owner, name, owner).setConsistencyLevel(write)).wasApplied();
    }

    @Override
    public void release(String name, String owner) {
        session.execute(release.bind(name, owner).setConsistencyLevel(write));
    }
}
