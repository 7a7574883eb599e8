package dev.postern.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The real Cassandra the tests run against: {@code -Dpostern.cassandra=host:port} (or
 * {@code POSTERN_CASSANDRA}), set by {@code ./postern test}. Without it the tests fail, never
 * skip: CI must exercise the Cassandra stores. The keyspace is {@code postern_test}, or
 * {@code -Dpostern.cassandra.keyspace=NAME}: branches that add schema versions each need their
 * own, since a keyspace migrated by one branch's version n is "at version n" for the other.
 */
final class TestCassandra {

    static final String PROPERTY = "postern.cassandra";
    static final String KEYSPACE = System.getProperty("postern.cassandra.keyspace", "postern_test");

    private static CqlSession session;
    private static CassandraSettings settings;

    private TestCassandra() {
    }

    static String address() {
        String address = System.getProperty(PROPERTY, System.getenv("POSTERN_CASSANDRA"));
        if (address == null || address.isBlank()) {
            throw new IllegalStateException("no Cassandra for the tests: run ./postern test (it starts one), or"
                + " ./postern backends start and pass -D" + PROPERTY + "=127.0.0.1:19042 to Maven");
        }
        return address;
    }

    static synchronized CassandraSettings settings() {
        if (settings == null) {
            settings = CassandraSettings.forTests(address(), KEYSPACE);
        }
        return settings;
    }

    static synchronized CqlSession session() {
        if (session == null) {
            session = CassandraConnection.open(settings());
            Runtime.getRuntime().addShutdownHook(new Thread(session::close));
        }
        return session;
    }
}
