package dev.postern.score.store;

class InMemoryGreylistStoreTest extends GreylistStoreContract {

    private final GreylistStore store = new InMemoryGreylistStore();

    @Override
    protected GreylistStore store() {
        return store;
    }
}
