package dev.postern.cassandra;

import java.time.Instant;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * Postern's tables, created and migrated by Postern itself at start: each version is a list of
 * idempotent statements ({@code CREATE ... IF NOT EXISTS}), applied in order from the version
 * recorded in {@code schema_version}. Servers starting together may both apply a version; the
 * statements make that harmless. A new version is appended, never edited.
 */
public final class CassandraSchema {

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
            "CREATE TABLE IF NOT EXISTS %s.leases (name text PRIMARY KEY, owner text)"));

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

    /** Creates the keyspace and tables when missing and applies the versions not yet applied; returns the version. */
    int migrate() {
        String ks = settings.keyspace();
        execute("CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = " + settings.replication());
        execute("CREATE TABLE IF NOT EXISTS " + ks + ".schema_version (component text PRIMARY KEY, version int, applied_at timestamp)");
        int current = currentVersion();
        if (current > MIGRATIONS.size()) {
            throw new IllegalStateException("keyspace " + ks + " has schema version " + current
                + ", newer than this Postern's " + MIGRATIONS.size() + ": upgrade Postern, or use another "
                + CassandraSettings.KEYSPACE);
        }
        for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
            for (String statement : MIGRATIONS.get(version - 1)) {
                execute(statement.formatted(ks));
            }
            session.execute(SimpleStatement.newInstance(
                "INSERT INTO " + ks + ".schema_version (component, version, applied_at) VALUES (?, ?, ?)",
                COMPONENT, version, Instant.now()).setConsistencyLevel(settings.writeConsistency()));
        }
        return MIGRATIONS.size();
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
