package dev.postern.score.store;

import java.time.Clock;

class InMemoryReputationStoreTest extends ReputationStoreContract {

    private final ReputationStore store = new InMemoryReputationStore(Clock.systemUTC());

    @Override
    protected ReputationStore store() {
        return store;
    }
}
