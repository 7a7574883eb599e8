package dev.postern.score.store;

class InMemoryReputationStoreTest extends ReputationStoreContract {

    private final ReputationStore store = new InMemoryReputationStore();

    @Override
    protected ReputationStore store() {
        return store;
    }
}
