package dev.postern.cassandra;

import dev.postern.dkim.keys.DkimKeyStore;
import dev.postern.dkim.keys.DkimKeyStoreContract;

class CassandraDkimKeyStoreTest extends DkimKeyStoreContract {

    private final DkimKeyStore store = new CassandraDkimKeyStore(TestCassandra.session(), TestCassandra.settings());

    @Override
    protected DkimKeyStore store() {
        return store;
    }
}
