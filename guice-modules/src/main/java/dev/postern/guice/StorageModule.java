package dev.postern.guice;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;


import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.Result;

import org.apache.james.metrics.api.MetricFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;

import dev.postern.cluster.LeaseStore;
import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.metrics.StoreTimers;
import dev.postern.scanlog.ScanLog;
import dev.postern.score.bayes.BayesStore;
import dev.postern.score.store.GreylistStore;
import dev.postern.score.store.RateLimitStore;
import dev.postern.score.store.ReputationStore;
import dev.postern.score.store.TagSeenStore;
import dev.postern.storage.Stores;
import dev.postern.subaddress.FolderCreationCounts;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Chooses the stores and the scan log from {@code conf/postern.properties}:
 * <pre>
 * storage=memory              # memory (one server, forgotten at restart) or cassandra (cassandra.* keys)
 * opensearch.enabled=false    # true: scan records indexed into OpenSearch (opensearch.* keys)
 * </pre>
 * Both are created when James starts, so a wrong or unreachable backend stops the start with
 * one error naming the setting, and closed when James stops ({@link StorageShutdown}).
 *
 * <p>Health checks "Postern storage" ({@link StorageHealthCheck}) and "Postern scan log"
 * ({@link ScanLogHealthCheck}) are not bound here: James creates extension modules in a child
 * injector ({@code GuiceGenericLoader}), and a child cannot add to the parent's
 * {@code Set<HealthCheck>} multibinding (Guice answers BindingAlreadySet). James's own way in
 * for extension checks is {@code conf/healthcheck.properties}, whose classes it creates in that
 * child injector:
 * <pre>
 * additional.healthchecks=dev.postern.guice.StorageHealthCheck,dev.postern.guice.ScanLogHealthCheck
 * </pre>
 *
 * <p>Cassandra and OpenSearch classes are touched only when chosen: a server with
 * {@code storage=memory} needs neither client library.
 */
public class StorageModule extends AbstractModule {

    public static final String STORAGE = "storage";
    public static final String OPENSEARCH_ENABLED = "opensearch.enabled";

    @Override
    protected void configure() {
        bind(Stores.class).toProvider(StoresProvider.class).asEagerSingleton();
        bind(ScanLog.class).toProvider(ScanLogProvider.class).asEagerSingleton();
        bind(StorageShutdown.class).asEagerSingleton();
        bindTimed(GreylistStore.class, Stores::greylist, "greylist");
        bindTimed(RateLimitStore.class, Stores::rateLimit, "rate_limit");
        bindTimed(TagSeenStore.class, Stores::tagSeen, "tag_seen");
        bindTimed(BayesStore.class, Stores::bayes, "bayes");
        bindTimed(LeaseStore.class, Stores::leases, "leases");
        bindTimed(FolderCreationCounts.class, Stores::folderCreations, "folder_creations");
        bindTimed(DmarcReportStore.class, Stores::dmarcReports, "dmarc_reports");
        bindTimed(ReputationStore.class, Stores::reputation, "reputation");
    }

    /** Binds one store of {@link Stores}, timed at /metrics as {@code postern_store_NAME_*} ({@link StoreTimers}). */
    private <T> void bindTimed(Class<T> type, Function<Stores, T> store, String name) {
        Provider<Stores> stores = getProvider(Stores.class);
        Provider<MetricFactory> metrics = getProvider(MetricFactory.class);
        bind(type).toProvider((Provider<T>) () -> StoreTimers.timed(type, store.apply(stores.get()), name, metrics.get()))
            .in(Scopes.SINGLETON);
    }

    /** The stores {@code storage} names; errors name the key to fix. */
    public static Stores stores(Configuration configuration) throws ConfigurationException {
        String storage = configuration.getString(STORAGE, "memory").trim().toLowerCase(Locale.ROOT);
        switch (storage) {
            case "memory":
                return Stores.inMemory(Clock.systemUTC());
            case "cassandra":
                try {
                    return Backends.cassandra(setting(configuration));
                } catch (NoClassDefFoundError e) {
                    throw new ConfigurationException(where(STORAGE) + "storage=cassandra needs the DataStax driver"
                        + " (com.datastax.oss:java-driver-core 4.15.0 and its dependencies) on James's class path (lib/);"
                        + " missing: " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw new ConfigurationException(where(STORAGE) + e.getMessage(), e);
                }
            default:
                throw new ConfigurationException(where(STORAGE) + "'" + storage + "' is not a storage backend: memory or cassandra");
        }
    }

    /** The scan log {@code opensearch.enabled} asks for; errors name the key to fix. */
    public static ScanLog scanLog(Configuration configuration, LeaseStore leases) throws ConfigurationException {
        String enabled = configuration.getString(OPENSEARCH_ENABLED, "false").trim().toLowerCase(Locale.ROOT);
        if (enabled.equals("false")) {
            return ScanLog.DISABLED;
        }
        if (!enabled.equals("true")) {
            throw new ConfigurationException(where(OPENSEARCH_ENABLED) + "give true or false, not '" + enabled + "'");
        }
        try {
            return Backends.openSearch(setting(configuration), leases);
        } catch (NoClassDefFoundError e) {
            throw new ConfigurationException(where(OPENSEARCH_ENABLED) + "opensearch.enabled=true needs the OpenSearch clients"
                + " (org.opensearch.client:opensearch-java 2.1.0, opensearch-rest-client 2.4.0 and their dependencies)"
                + " on James's class path (lib/); missing: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConfigurationException(where(OPENSEARCH_ENABLED) + e.getMessage(), e);
        }
    }

    private static String where(String key) {
        return "conf/" + PosternModule.CONFIGURATION_NAME + ".properties, " + key + ": ";
    }

    /** Key to value; a value with commas read back whole whatever the list handling. */
    private static Function<String, String> setting(Configuration configuration) {
        return key -> configuration.containsKey(key) ? String.join(",", configuration.getStringArray(key)) : null;
    }

    static final class StoresProvider implements javax.inject.Provider<Stores> {
        private final PosternSettings settings;

        @javax.inject.Inject
        StoresProvider(PosternSettings settings) {
            this.settings = settings;
        }

        @Override
        public Stores get() {
            try {
                return stores(settings.configuration());
            } catch (ConfigurationException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    static final class ScanLogProvider implements javax.inject.Provider<ScanLog> {
        private final PosternSettings settings;
        private final Stores stores;

        @javax.inject.Inject
        ScanLogProvider(PosternSettings settings, Stores stores) {
            this.settings = settings;
            this.stores = stores;
        }

        @Override
        public ScanLog get() {
            try {
                return scanLog(settings.configuration(), stores.leases());
            } catch (ConfigurationException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** Runs {@code check} off the caller's thread: healthy when it returns, unhealthy with the reason when it throws. */
    static Mono<Result> probe(ComponentName name, String backend, Runnable check) {
        return Mono.fromCallable(() -> {
            check.run();
            return Result.healthy(name);
        }).onErrorResume(e -> Mono.just(Result.unhealthy(name, backend + " does not answer: " + e.getMessage(), e)))
            .subscribeOn(Schedulers.boundedElastic());
    }
}
