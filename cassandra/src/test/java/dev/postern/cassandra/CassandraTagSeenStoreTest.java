package dev.postern.cassandra;

import dev.postern.score.store.TagSeenStore;
import dev.postern.score.store.TagSeenStoreContract;

class CassandraTagSeenStoreTest extends TagSeenStoreContract {

    private final TagSeenStore store = new CassandraTagSeenStore(TestCassandra.session(), TestCassandra.settings());

    @Override
    protected TagSeenStore store() {
        return store;
    }
}
