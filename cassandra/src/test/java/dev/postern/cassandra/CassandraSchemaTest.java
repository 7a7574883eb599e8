package dev.postern.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

class CassandraSchemaTest {

    /** One keyspace for the whole life cycle: DDL is slow on a small test node. */
    @Test
    void aNewKeyspaceIsCreatedAtTheLatestVersionMigratesIdempotentlyAndANewerOneIsRefused() {
        String keyspace = "postern_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        CassandraSettings settings = CassandraSettings.forTests(TestCassandra.address(), keyspace);
        try (CqlSession session = CassandraConnection.open(settings)) {
            try {
                CassandraSchema schema = new CassandraSchema(session, settings);
                assertThat(schema.currentVersion()).isEqualTo(CassandraSchema.latestVersion());
                assertThat(schema.migrate()).as("nothing left to do").isEqualTo(new CassandraSchema.Migration(
                    CassandraSchema.latestVersion(), CassandraSchema.latestVersion()));
                assertThat(session.execute(SimpleStatement.newInstance(
                        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)).all())
                    .extracting(row -> row.getString("table_name"))
                    .contains("greylist", "rate_limit", "tag_seen", "bayes_tokens", "bayes_totals", "bayes_learned",
                        "leases", "schema_version", "dkim_keys", "folder_creations",
                        "dmarc_report_records", "dmarc_report_periods");

                session.execute("UPDATE " + keyspace + ".schema_version SET version = 999 WHERE component = 'postern'");
                assertThatThrownBy(() -> CassandraConnection.open(settings).close())
                    .hasMessageContaining("schema version 999")
                    .hasMessageContaining(CassandraSettings.KEYSPACE);
            } finally {
                session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace).setTimeout(Duration.ofMinutes(1)));
            }
        }
    }

    /** Two servers starting together on a new keyspace: the lease holder migrates, the other waits. */
    @Test
    void serversMigratingTogetherMigrateOnceUnderTheLease() throws Exception {
        String keyspace = "postern_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        CassandraSettings settings = CassandraSettings.forTests(TestCassandra.address(), keyspace);
        CqlSession first = TestCassandra.session();
        try (CqlSession second = CassandraConnection.open(TestCassandra.settings())) {
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService servers = Executors.newFixedThreadPool(2);
            try {
                List<Future<CassandraSchema.Migration>> migrations = new ArrayList<>();
                for (CqlSession session : List.of(first, second)) {
                    migrations.add(servers.submit(() -> {
                        go.await();
                        return new CassandraSchema(session, settings).migrate();
                    }));
                }
                go.countDown();
                List<CassandraSchema.Migration> done = new ArrayList<>();
                for (Future<CassandraSchema.Migration> migration : migrations) {
                    done.add(migration.get(3, TimeUnit.MINUTES));
                }

                assertThat(done).filteredOn(CassandraSchema.Migration::migratedHere).hasSize(1)
                    .first().isEqualTo(new CassandraSchema.Migration(0, CassandraSchema.latestVersion()));
                assertThat(done).filteredOn(m -> !m.migratedHere())
                    .containsExactly(new CassandraSchema.Migration(CassandraSchema.latestVersion(), CassandraSchema.latestVersion()));
                assertThat(first.execute("SELECT owner FROM " + keyspace + ".leases WHERE name = 'schema-migration'").one())
                    .as("the lease is released").isNull();
            } finally {
                servers.shutdownNow();
                first.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace).setTimeout(Duration.ofMinutes(1)));
            }
        }
    }

    @Test
    void anUnreachableCassandraNamesTheSetting() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CassandraSettings settings = CassandraSettings.forTests("127.0.0.1:" + closedPort, "postern_x");
        assertThatThrownBy(() -> CassandraConnection.open(settings).close())
            .isInstanceOf(CassandraConnection.CassandraUnavailableException.class)
            .hasMessageContaining("127.0.0.1:" + closedPort)
            .hasMessageContaining(CassandraSettings.CONTACT_POINTS);
    }
}
