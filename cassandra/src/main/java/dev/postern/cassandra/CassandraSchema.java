package dev.postern.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.postern.cluster.LeaseStore;

/**
 * Postern's tables, created and migrated by Postern itself at start: each version is a list of
 * idempotent statements ({@code CREATE ... IF NOT EXISTS}), applied in order from the version
 * recorded in {@code schema_version}. A new version is appended, never edited.
 *
 * <p>Migrating is a job for one server of the cluster: servers starting together would send
 * the same {@code CREATE TABLE} at once, and concurrent schema changes of one table on
 * different coordinators can leave Cassandra with two table ids (schema disagreement). So the
 * server that takes lease {@value #MIGRATION_LEASE} ({@link CassandraLeaseStore}, a lightweight
 * transaction) migrates, and the others wait until the version is current. Only the keyspace,
 * {@code schema_version} and {@code leases} are created before the lease, as the lease needs them.
 */
public final class CassandraSchema {

    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraSchema.class);

    /** The lease the migrating server holds. */
    static final String MIGRATION_LEASE = "schema-migration";
    /** Longer than any migration; a server that dies migrating blocks the others no longer. */
    static final Duration MIGRATION_LEASE_TIME = Duration.ofMinutes(2);
    /** How long a server waits for another's migration before it gives up starting. */
    static final Duration MIGRATION_WAIT = MIGRATION_LEASE_TIME.plusMinutes(1);
    private static final Duration POLL = Duration.ofMillis(500);

    /** What {@link #migrate} did: {@code from} and {@code to} are equal when another server (or nobody) had to. */
    record Migration(int from, int to) {
        boolean migratedHere() {
            return from != to;
        }
    }

    /** The component row in schema_version. */
    static final String COMPONENT = "postern";

    /** Version n+1 is {@code MIGRATIONS.get(n)}. */
    static final List<List<String>> MIGRATIONS = List.of(
        List.of(
            // GreylistStore: one row per triplet, TTL = the expiry (RFC 6647 section 4.2 suggests a day or more)
            "CREATE TABLE IF NOT EXISTS %s.greylist (triplet text PRIMARY KEY, first_seen timestamp)",
            // RateLimitStore: one row per key and window, compared and set with lightweight transactions
            "CREATE TABLE IF NOT EXISTS %s.rate_limit (limit_key text, window_start timestamp, hits bigint,"
                + " PRIMARY KEY ((limit_key, window_start)))",
            // TagSeenStore: the sender domains of one user+tag in one partition
            "CREATE TABLE IF NOT EXISTS %s.tag_seen (mailbox text, tag text, sender_domain text, seen_at timestamp,"
                + " PRIMARY KEY ((mailbox, tag), sender_domain))",
            // BayesStore: counters per (scope, token) and per scope; scope '' is the global one
            "CREATE TABLE IF NOT EXISTS %s.bayes_tokens (scope text, term text, spam counter, ham counter,"
                + " PRIMARY KEY ((scope, term)))",
            "CREATE TABLE IF NOT EXISTS %s.bayes_totals (scope text PRIMARY KEY, spam counter, ham counter)",
            "CREATE TABLE IF NOT EXISTS %s.bayes_learned (scope text, digest text, verdict text,"
                + " PRIMARY KEY ((scope, digest)))",
            // LeaseStore: one row per lease, TTL = the lease time
            "CREATE TABLE IF NOT EXISTS %s.leases (name text PRIMARY KEY, owner text)"),
        List.of(
            // DkimKeyStore: the selectors of one domain in one partition; private keys as PKCS#8 PEM
            "CREATE TABLE IF NOT EXISTS %s.dkim_keys (domain text, selector text, algorithm text, private_key text,"
                + " txt text, state text, created timestamp, retired timestamp, PRIMARY KEY (domain, selector))"),
        List.of(
            // FolderCreationCounts: one row per user and UTC day, compare-and-set, TTL past the day
            "CREATE TABLE IF NOT EXISTS %s.folder_creations (user text, day date, created int, PRIMARY KEY ((user, day)))"),
        List.of(
            // DmarcReportStore: one partition per policy domain and report period, one row per message (record id)
            "CREATE TABLE IF NOT EXISTS %s.dmarc_report_records (policy_domain text, period_begin timestamp, period_end timestamp,"
                + " record_id text, received_at timestamp, adkim text, aspf text, p text, sp text, pct int, fo text,"
                + " report_addresses list<text>, source_ip text, header_from text, envelope_from text, spf text, dkim list<text>,"
                + " disposition text, dkim_aligned boolean, spf_aligned boolean, reasons list<text>,"
                + " PRIMARY KEY ((policy_domain, period_begin, period_end), record_id))",
            // ... and the (period, policy domain) pairs that have records, in one partition the reporting job lists
            "CREATE TABLE IF NOT EXISTS %s.dmarc_report_periods (partition int, period_begin timestamp, period_end timestamp,"
                + " policy_domain text, PRIMARY KEY (partition, period_begin, period_end, policy_domain))"),
        List.of(
            // ReputationStore: one partition per sender identity, one row per UTC day and message (idempotent upserts), TTL = expiry
            "CREATE TABLE IF NOT EXISTS %s.reputation (identity text, day date, message_key text, scanned_at timestamp,"
                + " verdict text, score double, PRIMARY KEY (identity, day, message_key))"
                + " WITH CLUSTERING ORDER BY (day DESC, message_key ASC)"));

    private final CqlSession session;
    private final CassandraSettings settings;

    CassandraSchema(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /** The schema version this code writes. */
    public static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** Creates the keyspace and tables when missing and applies the versions not yet applied, under the lease. */
    Migration migrate() {
        String ks = settings.keyspace();
        execute("CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = " + settings.replication());
        execute("CREATE TABLE IF NOT EXISTS " + ks + ".schema_version (component text PRIMARY KEY, version int, applied_at timestamp)");
        // the same definition as in version 1, which keeps it for keyspaces made before the lease
        execute("CREATE TABLE IF NOT EXISTS " + ks + ".leases (name text PRIMARY KEY, owner text)");
        LeaseStore leases = new CassandraLeaseStore(session, settings);
        String owner = serverId();
        Instant deadline = Instant.now().plus(MIGRATION_WAIT);
        while (true) {
            int current = checkedCurrentVersion();
            if (current == MIGRATIONS.size()) {
                LOGGER.info("Cassandra keyspace {}: schema at version {}, nothing to migrate", ks, current);
                return new Migration(current, current);
            }
            if (leases.tryAcquire(MIGRATION_LEASE, owner, MIGRATION_LEASE_TIME)) {
                try {
                    int from = checkedCurrentVersion();
                    apply(from);
                    LOGGER.info("Cassandra keyspace {}: schema migrated from version {} to {} by this server ({}), holding lease '{}'",
                        ks, from, MIGRATIONS.size(), owner, MIGRATION_LEASE);
                    return new Migration(from, MIGRATIONS.size());
                } finally {
                    leases.release(MIGRATION_LEASE, owner);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("keyspace " + ks + " is at schema version " + current + " and another server has held lease '"
                    + MIGRATION_LEASE + "' (table leases) for more than " + MIGRATION_WAIT.toSeconds() + "s: if no other server is"
                    + " starting, delete that row or wait " + MIGRATION_LEASE_TIME.toSeconds() + "s for it to expire, then start again");
            }
            sleep();
        }
    }

    private void apply(int current) {
        String ks = settings.keyspace();
        for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
            for (String statement : MIGRATIONS.get(version - 1)) {
                execute(statement.formatted(ks));
            }
            session.execute(SimpleStatement.newInstance(
                "INSERT INTO " + ks + ".schema_version (component, version, applied_at) VALUES (?, ?, ?)",
                COMPONENT, version, Instant.now()).setConsistencyLevel(settings.writeConsistency()));
        }
    }

    private int checkedCurrentVersion() {
        int current = currentVersion();
        if (current > MIGRATIONS.size()) {
            throw new IllegalStateException("keyspace " + settings.keyspace() + " has schema version " + current
                + ", newer than this Postern's " + MIGRATIONS.size() + ": upgrade Postern, or use another "
                + CassandraSettings.KEYSPACE);
        }
        return current;
    }

    /** Host name (from the environment: no DNS lookup), process and a random part: two servers in one JVM (tests) are two owners. */
    static String serverId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another server's schema migration", e);
        }
    }

    int currentVersion() {
        Row row = session.execute(SimpleStatement.newInstance(
            "SELECT version FROM " + settings.keyspace() + ".schema_version WHERE component = ?", COMPONENT)
            .setConsistencyLevel(settings.readConsistency())).one();
        return row == null ? 0 : row.getInt("version");
    }

    private void execute(String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(settings.requestTimeout().multipliedBy(4)));
    }
}
