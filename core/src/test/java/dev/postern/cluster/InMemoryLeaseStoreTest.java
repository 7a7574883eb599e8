package dev.postern.cluster;

import java.time.Clock;

class InMemoryLeaseStoreTest extends LeaseStoreContract {

    private final LeaseStore store = new InMemoryLeaseStore(Clock.systemUTC());

    @Override
    protected LeaseStore store() {
        return store;
    }
}
