package dev.postern.guice;

import java.time.Clock;
import java.util.function.Function;

import dev.postern.cassandra.CassandraStores;
import dev.postern.cluster.LeaseStore;
import dev.postern.opensearch.RetentionJob;
import dev.postern.opensearch.OpenSearchClients;
import dev.postern.opensearch.OpenSearchScanLog;
import dev.postern.opensearch.OpenSearchSettings;
import dev.postern.scanlog.ScanLog;
import dev.postern.storage.Stores;

/** The only class that names Cassandra and OpenSearch types, loaded only when one is enabled. */
final class Backends {

    private Backends() {
    }

    static Stores cassandra(Function<String, String> setting) {
        return CassandraStores.open(setting);
    }

    /**
     * The bulk indexer, and the hourly retention job (one server at a time, by lease); closing
     * the indexer (at James's stop) closes the job and the clients too.
     */
    static ScanLog openSearch(Function<String, String> setting, LeaseStore leases) {
        OpenSearchSettings settings = OpenSearchSettings.from(setting);
        OpenSearchClients clients = new OpenSearchClients(settings);
        OpenSearchClients.checkReachable(clients, settings);
        RetentionJob retention = RetentionJob.start(clients, settings, leases, Clock.systemUTC());
        return new OpenSearchScanLog(clients, settings).closingAlso(retention).closingAlso(clients);
    }
}
