package dev.postern.cassandra;

import dev.postern.subaddress.FolderCreationCounts;
import dev.postern.subaddress.FolderCreationCountsContract;

class CassandraFolderCreationCountsTest extends FolderCreationCountsContract {

    private final FolderCreationCounts counts = new CassandraFolderCreationCounts(TestCassandra.session(), TestCassandra.settings());

    @Override
    protected FolderCreationCounts counts() {
        return counts;
    }
}
