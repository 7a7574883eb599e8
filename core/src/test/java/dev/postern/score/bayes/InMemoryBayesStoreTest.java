package dev.postern.score.bayes;

class InMemoryBayesStoreTest extends BayesStoreContract {

    private final BayesStore store = new InMemoryBayesStore();

    @Override
    protected BayesStore store() {
        return store;
    }
}
