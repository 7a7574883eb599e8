package dev.postern.score.store;

class InMemoryTagSeenStoreTest extends TagSeenStoreContract {

    private final TagSeenStore store = new InMemoryTagSeenStore();

    @Override
    protected TagSeenStore store() {
        return store;
    }
}
