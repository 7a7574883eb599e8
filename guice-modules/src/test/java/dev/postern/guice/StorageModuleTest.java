package dev.postern.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.net.ServerSocket;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.Result;
import org.junit.jupiter.api.Test;

import dev.postern.cluster.InMemoryLeaseStore;
import dev.postern.cluster.LeaseStore;
import dev.postern.scanlog.ScanLog;
import dev.postern.storage.Stores;
import reactor.core.publisher.Mono;

class StorageModuleTest {

    private static final LeaseStore LEASES = new InMemoryLeaseStore(Clock.systemUTC());

    private static BaseConfiguration configuration(String... keyValues) {
        BaseConfiguration configuration = new BaseConfiguration();
        for (int i = 0; i < keyValues.length; i += 2) {
            configuration.addProperty(keyValues[i], keyValues[i + 1]);
        }
        return configuration;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void memoryIsTheDefaultAndOpenSearchIsOff() throws Exception {
        Stores stores = StorageModule.stores(configuration());
        assertThat(stores.backend()).isEqualTo("memory");
        assertThat(stores.greylist()).isNotNull();
        assertThat(StorageModule.scanLog(configuration(), stores.leases())).isSameAs(ScanLog.DISABLED);
    }

    @Test
    void anUnknownBackendNamesTheSetting() {
        assertThatThrownBy(() -> StorageModule.stores(configuration("storage", "mongo")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("conf/postern.properties, storage: 'mongo' is not a storage backend: memory or cassandra");
        assertThatThrownBy(() -> StorageModule.scanLog(configuration("opensearch.enabled", "yes"), LEASES))
            .hasMessageStartingWith("conf/postern.properties, opensearch.enabled:");
    }

    @Test
    void anUnreachableCassandraStopsTheStartNamingTheSettings() throws Exception {
        int port = closedPort();
        assertThatThrownBy(() -> StorageModule.stores(configuration("storage", "cassandra",
                "cassandra.contact.points", "127.0.0.1:" + port)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("conf/postern.properties, storage: Cassandra at 127.0.0.1:" + port + " is not reachable")
            .hasMessageContaining("cassandra.contact.points");
    }

    @Test
    void aBadCassandraSettingIsNamed() {
        assertThatThrownBy(() -> StorageModule.stores(configuration("storage", "cassandra",
                "cassandra.consistency.read", "MOST")))
            .hasMessageContaining("cassandra.consistency.read: 'MOST' is not a consistency level");
    }

    @Test
    void anUnreachableOpenSearchStopsTheStartNamingTheSettings() throws Exception {
        int port = closedPort();
        assertThatThrownBy(() -> StorageModule.scanLog(configuration("opensearch.enabled", "true",
                "opensearch.hosts", "http://127.0.0.1:" + port), LEASES))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("http://127.0.0.1:" + port)
            .hasMessageContaining("opensearch.hosts");
    }

    @Test
    void healthChecksReportWhatTheBackendAnswers() {
        ComponentName name = new ComponentName("test");
        Result healthy = StorageModule.probe(name, "memory", () -> { }).block();
        assertThat(healthy.isHealthy()).isTrue();
        Result unhealthy = StorageModule.probe(name, "cassandra", () -> {
            throw new IllegalStateException("no route");
        }).block();
        assertThat(unhealthy.isUnHealthy()).isTrue();
        assertThat(unhealthy.getCause()).contains("cassandra does not answer: no route");
    }

    /** Cassandra answering at start, then gone (a relay closed): "Postern storage" turns unhealthy. */
    @Test
    void theStorageHealthCheckTurnsUnhealthyWhenCassandraGoesAway() throws Exception {
        String cassandra = System.getProperty("postern.cassandra", System.getenv("POSTERN_CASSANDRA"));
        assertThat(cassandra).as("-Dpostern.cassandra=127.0.0.1:19042 (./postern test passes it)").isNotBlank();
        try (TcpProxy proxy = TcpProxy.to(cassandra);
             Stores stores = StorageModule.stores(configuration("storage", "cassandra",
                 "cassandra.contact.points", proxy.address(), "cassandra.keyspace", System.getProperty("postern.cassandra.keyspace", "postern_test"),
                 "cassandra.request.timeout", "2s"))) {
            StorageHealthCheck check = new StorageHealthCheck(stores);
            assertThat(check.componentName().getName()).isEqualTo("Postern storage");
            assertThat(Mono.from(check.check()).block().isHealthy()).isTrue();

            proxy.close();

            Result result = Mono.from(check.check()).block();
            assertThat(result.isUnHealthy()).isTrue();
            assertThat(result.getCause()).hasValueSatisfying(cause -> assertThat(cause).startsWith("cassandra does not answer: "));
        }
    }
}
