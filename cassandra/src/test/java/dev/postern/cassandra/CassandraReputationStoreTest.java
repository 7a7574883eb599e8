package dev.postern.cassandra;

import dev.postern.score.store.ReputationStore;
import dev.postern.score.store.ReputationStoreContract;

class CassandraReputationStoreTest extends ReputationStoreContract {

    private final ReputationStore store = new CassandraReputationStore(TestCassandra.session(), TestCassandra.settings());

    @Override
    protected ReputationStore store() {
        return store;
    }
}
