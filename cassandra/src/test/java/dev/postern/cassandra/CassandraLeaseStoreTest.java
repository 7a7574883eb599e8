package dev.postern.cassandra;

import dev.postern.cluster.LeaseStore;
import dev.postern.cluster.LeaseStoreContract;

class CassandraLeaseStoreTest extends LeaseStoreContract {

    private final LeaseStore store = new CassandraLeaseStore(TestCassandra.session(), TestCassandra.settings());

    @Override
    protected LeaseStore store() {
        return store;
    }
}
