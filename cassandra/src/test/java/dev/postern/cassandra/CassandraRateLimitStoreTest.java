package dev.postern.cassandra;

import dev.postern.score.store.RateLimitStore;
import dev.postern.score.store.RateLimitStoreContract;

class CassandraRateLimitStoreTest extends RateLimitStoreContract {

    private final RateLimitStore store = new CassandraRateLimitStore(TestCassandra.session(), TestCassandra.settings());

    @Override
    protected RateLimitStore store() {
        return store;
    }
}
