package dev.postern.cassandra;

import java.net.InetSocketAddress;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

/**
 * Opens the {@link CqlSession} Postern's stores share and brings the schema up to date.
 * Failures name the setting to check: a wrong address or data centre is a configuration error,
 * and the server must not start half-working.
 */
public final class CassandraConnection {

    private CassandraConnection() {
    }

    /** Connects, creates the keyspace and tables when missing, migrates them; throws {@link CassandraUnavailableException}. */
    public static CqlSession open(CassandraSettings settings) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, settings.requestTimeout())
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, settings.requestTimeout().multipliedBy(2))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, settings.requestTimeout().multipliedBy(2))
            .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.readConsistency().name())
            .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, settings.serialConsistency().name())
            .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, false)
            // The stores name their tables; without this, every CREATE of the migration makes the
            // driver re-read the schema of every keyspace of the cluster, which dominates a migration.
            .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
            .build();
        CqlSessionBuilder builder = CqlSession.builder()
            .withConfigLoader(config)
            .withLocalDatacenter(settings.localDatacenter());
        for (InetSocketAddress point : settings.contactPoints()) {
            builder.addContactPoint(new InetSocketAddress(point.getHostString(), point.getPort()));
        }
        if (settings.username().isPresent()) {
            builder.withAuthCredentials(settings.username().get(), settings.password().orElseThrow());
        }
        CqlSession session;
        try {
            session = builder.build();
        } catch (RuntimeException e) {
            throw new CassandraUnavailableException("Cassandra at " + describe(settings) + " is not reachable ("
                + rootMessage(e) + "): check " + CassandraSettings.CONTACT_POINTS + ", "
                + CassandraSettings.LOCAL_DATACENTER + " and, with authentication, " + CassandraSettings.USERNAME
                + "/" + CassandraSettings.PASSWORD + " in conf/postern.properties, and that Cassandra runs"
                + " (for tests: ./postern backends start)", e);
        }
        try {
            new CassandraSchema(session, settings).migrate();
        } catch (RuntimeException e) {
            session.close();
            throw new CassandraUnavailableException("Cassandra at " + describe(settings) + ": could not create or migrate keyspace '"
                + settings.keyspace() + "' (" + rootMessage(e) + "): check " + CassandraSettings.KEYSPACE + " and "
                + CassandraSettings.REPLICATION + " in conf/postern.properties, and that the user may create tables", e);
        }
        return session;
    }

    private static String describe(CassandraSettings settings) {
        return settings.contactPoints().stream().map(p -> p.getHostString() + ":" + p.getPort())
            .collect(Collectors.joining(","));
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return cause == e || cause.getMessage() == null ? message : message + "; " + cause.getMessage();
    }

    /** Cassandra could not be used with the configured settings. */
    public static final class CassandraUnavailableException extends RuntimeException {
        public CassandraUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
