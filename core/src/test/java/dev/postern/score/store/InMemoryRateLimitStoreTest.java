package dev.postern.score.store;

class InMemoryRateLimitStoreTest extends RateLimitStoreContract {

    private final RateLimitStore store = new InMemoryRateLimitStore();

    @Override
    protected RateLimitStore store() {
        return store;
    }
}
