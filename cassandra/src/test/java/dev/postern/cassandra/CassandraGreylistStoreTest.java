package dev.postern.cassandra;

import dev.postern.score.store.GreylistStore;
import dev.postern.score.store.GreylistStoreContract;

class CassandraGreylistStoreTest extends GreylistStoreContract {

    private final GreylistStore store = new CassandraGreylistStore(TestCassandra.session(), TestCassandra.settings());

    @Override
    protected GreylistStore store() {
        return store;
    }
}
