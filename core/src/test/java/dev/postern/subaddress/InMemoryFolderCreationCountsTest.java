package dev.postern.subaddress;

class InMemoryFolderCreationCountsTest extends FolderCreationCountsContract {

    private final FolderCreationCounts counts = new InMemoryFolderCreationCounts();

    @Override
    protected FolderCreationCounts counts() {
        return counts;
    }
}
