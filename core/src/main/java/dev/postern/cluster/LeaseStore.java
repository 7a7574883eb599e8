package dev.postern.cluster;

import java.time.Duration;

/**
 * Leases for jobs that must run on one server of a cluster at a time: the Cassandra schema
 * migration, a new domain's DKIM keys, OpenSearch index retention, DMARC aggregate reports. A lease is held by one owner until it is released or its time to live passes
 * without a renewal; the Cassandra implementation takes it with a lightweight transaction
 * ({@code INSERT ... IF NOT EXISTS USING TTL}).
 */
public interface LeaseStore {

    /** Takes lease {@code name} for {@code owner} for {@code ttl}; false when another owner holds it. */
    boolean tryAcquire(String name, String owner, Duration ttl);

    /** Extends a lease {@code owner} holds by {@code ttl} from now; false when it no longer holds it. */
    boolean renew(String name, String owner, Duration ttl);

    /** Gives the lease up if {@code owner} holds it. */
    void release(String name, String owner);
}
