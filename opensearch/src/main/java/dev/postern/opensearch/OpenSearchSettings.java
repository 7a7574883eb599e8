package dev.postern.opensearch;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.postern.storage.SettingReader;

/**
 * The scan log's settings, read from {@code conf/postern.properties} when
 * {@code opensearch.enabled=true}:
 * <pre>
 * opensearch.hosts=http://127.0.0.1:9200      # comma separated
 * opensearch.username=                        # both empty: no authentication
 * opensearch.password=
 * opensearch.index.prefix=postern-scans       # indices prefix-YYYY.MM.DD (UTC day of the scan)
 * opensearch.retention.days=30                # older daily indices are deleted
 * opensearch.queue.capacity=10000             # records waiting; more are dropped and counted
 * opensearch.bulk.size=500
 * opensearch.flush.interval=1s
 * opensearch.retry.max=10m                    # how long a batch is retried before it is dropped
 * </pre>
 * Every error names the key to fix.
 */
public record OpenSearchSettings(List<URI> hosts, Optional<String> username, Optional<String> password,
                                 String indexPrefix, int retentionDays, int queueCapacity, int bulkSize,
                                 Duration flushInterval, Duration retryMax) {

    public static final String HOSTS = "opensearch.hosts";
    public static final String USERNAME = "opensearch.username";
    public static final String PASSWORD = "opensearch.password";
    public static final String INDEX_PREFIX = "opensearch.index.prefix";
    public static final String RETENTION_DAYS = "opensearch.retention.days";
    public static final String QUEUE_CAPACITY = "opensearch.queue.capacity";
    public static final String BULK_SIZE = "opensearch.bulk.size";
    public static final String FLUSH_INTERVAL = "opensearch.flush.interval";
    public static final String RETRY_MAX = "opensearch.retry.max";

    /** OpenSearch's rule for index names: lower case, no \ / * ? " < > | space , # : and not starting with - _ +. */
    private static final Pattern INDEX_PREFIX_SYNTAX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,200}");

    public static OpenSearchSettings from(Function<String, String> setting) {
        SettingReader read = new SettingReader(setting);
        List<URI> hosts = new ArrayList<>();
        for (String item : read.value(HOSTS, "http://127.0.0.1:9200").split(",")) {
            String host = item.trim();
            if (host.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(host);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || uri.getPort() < 0
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(HOSTS + ": '" + host + "' is not http(s)://host:port");
            }
            hosts.add(uri);
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(HOSTS + ": give at least one http://host:port");
        }
        Optional<String> username = read.optional(USERNAME);
        Optional<String> password = read.optional(PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(USERNAME + " and " + PASSWORD + ": give both or neither");
        }
        String prefix = read.value(INDEX_PREFIX, "postern-scans");
        if (!INDEX_PREFIX_SYNTAX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(INDEX_PREFIX + ": '" + prefix
                + "' is not an index name prefix (lower case letters, digits, . _ -; not starting with . _ -)");
        }
        return new OpenSearchSettings(List.copyOf(hosts), username, password, prefix,
            read.positive(RETENTION_DAYS, 30), read.positive(QUEUE_CAPACITY, 10_000),
            read.positive(BULK_SIZE, 500), read.duration(FLUSH_INTERVAL, Duration.ofSeconds(1)),
            read.duration(RETRY_MAX, Duration.ofMinutes(10)));
    }

    /** Settings for the tests: one host and a prefix of their own, short intervals. */
    public static OpenSearchSettings forTests(String url, String prefix) {
        return from(key -> switch (key) {
            case HOSTS -> url;
            case INDEX_PREFIX -> prefix;
            case FLUSH_INTERVAL -> "100ms";
            default -> null;
        });
    }

    @Override
    public String toString() {
        return "OpenSearchSettings[hosts=" + hosts + ", user=" + username.orElse("-") + ", prefix=" + indexPrefix + "]";
    }
}
