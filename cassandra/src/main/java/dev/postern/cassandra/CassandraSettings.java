package dev.postern.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

import dev.postern.storage.SettingReader;

/**
 * How Postern reaches Cassandra, read from {@code conf/postern.properties} when
 * {@code storage=cassandra}:
 * <pre>
 * cassandra.contact.points=127.0.0.1:9042        # host:port, comma separated
 * cassandra.local.datacenter=datacenter1
 * cassandra.keyspace=postern                     # created by Postern when missing
 * cassandra.replication={'class':'SimpleStrategy','replication_factor':1}
 * cassandra.consistency.read=LOCAL_QUORUM
 * cassandra.consistency.write=LOCAL_QUORUM
 * cassandra.consistency.serial=LOCAL_SERIAL      # lightweight transactions
 * cassandra.username=                            # both empty: no authentication
 * cassandra.password=
 * cassandra.request.timeout=5s
 * </pre>
 * Every error names the key to fix.
 */
public record CassandraSettings(List<InetSocketAddress> contactPoints, String localDatacenter, String keyspace,
                                String replication, DefaultConsistencyLevel readConsistency,
                                DefaultConsistencyLevel writeConsistency, DefaultConsistencyLevel serialConsistency,
                                Optional<String> username, Optional<String> password, Duration requestTimeout) {

    public static final String CONTACT_POINTS = "cassandra.contact.points";
    public static final String LOCAL_DATACENTER = "cassandra.local.datacenter";
    public static final String KEYSPACE = "cassandra.keyspace";
    public static final String REPLICATION = "cassandra.replication";
    public static final String READ_CONSISTENCY = "cassandra.consistency.read";
    public static final String WRITE_CONSISTENCY = "cassandra.consistency.write";
    public static final String SERIAL_CONSISTENCY = "cassandra.consistency.serial";
    public static final String USERNAME = "cassandra.username";
    public static final String PASSWORD = "cassandra.password";
    public static final String REQUEST_TIMEOUT = "cassandra.request.timeout";

    public static final String DEFAULT_CONTACT_POINTS = "127.0.0.1:9042";
    public static final String DEFAULT_LOCAL_DATACENTER = "datacenter1";
    public static final String DEFAULT_KEYSPACE = "postern";
    public static final String DEFAULT_REPLICATION = "{'class':'SimpleStrategy','replication_factor':1}";

    /** Cassandra's rule for unquoted names: a letter, then letters, digits and underscores, at most 48. */
    private static final Pattern KEYSPACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
    private static final int DEFAULT_CQL_PORT = 9042;

    /** Reads the settings through {@code setting} (key to value, null when unset). */
    public static CassandraSettings from(Function<String, String> setting) {
        SettingReader read = new SettingReader(setting);
        List<InetSocketAddress> points = contactPoints(read.value(CONTACT_POINTS, DEFAULT_CONTACT_POINTS));
        String keyspace = read.value(KEYSPACE, DEFAULT_KEYSPACE);
        if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException(KEYSPACE + ": '" + keyspace
                + "' is not a keyspace name (a letter, then letters, digits or _; at most 48)");
        }
        String replication = read.value(REPLICATION, DEFAULT_REPLICATION);
        if (!replication.startsWith("{") || !replication.endsWith("}") || !replication.contains("'class'")) {
            throw new IllegalArgumentException(REPLICATION + ": give a CQL replication map such as "
                + DEFAULT_REPLICATION + ", not '" + replication + "'");
        }
        Optional<String> username = read.optional(USERNAME);
        Optional<String> password = read.optional(PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(USERNAME + " and " + PASSWORD + ": give both or neither");
        }
        return new CassandraSettings(points, read.value(LOCAL_DATACENTER, DEFAULT_LOCAL_DATACENTER), keyspace,
            replication,
            consistency(read, READ_CONSISTENCY, DefaultConsistencyLevel.LOCAL_QUORUM),
            consistency(read, WRITE_CONSISTENCY, DefaultConsistencyLevel.LOCAL_QUORUM),
            consistency(read, SERIAL_CONSISTENCY, DefaultConsistencyLevel.LOCAL_SERIAL),
            username, password, read.duration(REQUEST_TIMEOUT, Duration.ofSeconds(5)));
    }

    /** Settings for the tests: one contact point, keyspace {@code keyspace}, replication 1. */
    public static CassandraSettings forTests(String hostPort, String keyspace) {
        return from(key -> switch (key) {
            case CONTACT_POINTS -> hostPort;
            case KEYSPACE -> keyspace;
            default -> null;
        });
    }

    static List<InetSocketAddress> contactPoints(String value) {
        List<InetSocketAddress> points = new ArrayList<>();
        for (String item : value.split(",")) {
            String point = item.trim();
            if (point.isEmpty()) {
                continue;
            }
            int colon = point.lastIndexOf(':');
            String host = colon < 0 ? point : point.substring(0, colon);
            int port = DEFAULT_CQL_PORT;
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(point.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(CONTACT_POINTS + ": '" + point + "' has no valid port (host:port, port 1-65535)");
                }
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            points.add(InetSocketAddress.createUnresolved(host, port));
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(CONTACT_POINTS + ": give at least one host:port");
        }
        return List.copyOf(points);
    }

    private static DefaultConsistencyLevel consistency(SettingReader read, String key, DefaultConsistencyLevel fallback) {
        String value = read.value(key, fallback.name());
        try {
            return DefaultConsistencyLevel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a consistency level (ONE, QUORUM, LOCAL_QUORUM, ALL, SERIAL, LOCAL_SERIAL, ...)");
        }
    }

    @Override
    public String toString() {
        return "CassandraSettings[contactPoints=" + contactPoints + ", localDatacenter=" + localDatacenter
            + ", keyspace=" + keyspace + ", user=" + username.orElse("-") + "]";
    }
}
