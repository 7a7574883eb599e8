package dev.postern.cassandra;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.dmarc.report.DmarcReportStoreContract;

/**
 * The contract against the real Cassandra, in a keyspace of its own created for this run (and
 * dropped after): the store lists every period of its tables, and a fresh keyspace is also the
 * schema as a new server creates it.
 */
class CassandraDmarcReportStoreTest extends DmarcReportStoreContract {

    private static String keyspace;
    private static CqlSession session;
    private static DmarcReportStore store;

    @BeforeAll
    static void open() {
        keyspace = "postern_dmarc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        CassandraSettings settings = CassandraSettings.forTests(TestCassandra.address(), keyspace);
        session = CassandraConnection.open(settings);
        store = new CassandraDmarcReportStore(session, settings);
    }

    @AfterAll
    static void drop() {
        if (session != null) {
            try {
                session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace).setTimeout(Duration.ofMinutes(1)));
            } finally {
                session.close();
            }
        }
    }

    @Override
    protected DmarcReportStore store() {
        return store;
    }
}
