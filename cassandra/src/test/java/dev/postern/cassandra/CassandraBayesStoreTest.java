package dev.postern.cassandra;

import dev.postern.score.bayes.BayesStore;
import dev.postern.score.bayes.BayesStoreContract;

class CassandraBayesStoreTest extends BayesStoreContract {

    private final BayesStore store = new CassandraBayesStore(TestCassandra.session(), TestCassandra.settings());

    @Override
    protected BayesStore store() {
        return store;
    }
}
