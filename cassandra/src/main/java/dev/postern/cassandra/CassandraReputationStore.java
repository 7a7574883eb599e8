package dev.postern.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.postern.score.bayes.Verdict;
import dev.postern.score.store.ReputationStore;

/**
 * {@link ReputationStore} in table {@code reputation}: one partition per identity, one row per
 * UTC day and message key, newest day first ({@code CLUSTERING ORDER BY (day DESC, message_key ASC)}).
 *
 * <p>Why rows and not counters: a counter update is not idempotent (the driver never retries
 * one, and a timeout leaves it unknown whether it counted), needs a second table of recorded
 * messages to avoid counting a message twice (as {@code CassandraBayesStore}'s
 * {@code bayes_learned}), and cannot expire (no TTL on counter tables). Compare-and-set rows (as
 * {@code CassandraRateLimitStore}) cost a Paxos round per identity and message. A row per
 * message is a plain {@code INSERT ... USING TTL}: recording the same message again overwrites
 * it (idempotent, so statements are marked idempotent and the driver may retry them), concurrent
 * writers of other messages never conflict, and samples expire by TTL. Reading is one slice of
 * one partition with {@code LIMIT max-samples}: bounded whatever the sender's volume. The
 * identities of one message are written and read in parallel.
 */
public final class CassandraReputationStore implements ReputationStore {

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final ConsistencyLevel read;
    private final ConsistencyLevel write;

    public CassandraReputationStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        String table = settings.keyspace() + ".reputation";
        this.insert = session.prepare("INSERT INTO " + table + " (identity, day, message_key, scanned_at, verdict, score)"
            + " VALUES (?, ?, ?, ?, ?, ?) USING TTL ?");
        this.select = session.prepare("SELECT message_key, scanned_at, verdict, score FROM " + table + " WHERE identity = ? LIMIT ?");
        this.read = settings.readConsistency();
        this.write = settings.writeConsistency();
    }

    @Override
    public void record(Collection<String> identities, Sample sample, Duration expiry, Instant now) {
        Duration left = Duration.between(now, sample.at().plus(expiry));
        if (left.isNegative() || left.isZero()) {
            return;
        }
        int ttl = Ttl.seconds(left);
        List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>(identities.size());
        for (String identity : identities) {
            writes.add(session.executeAsync(insert.bind(identity, sample.day(), sample.messageKey(), sample.at(),
                    sample.verdict().name(), sample.score(), ttl)
                .setIdempotent(true).setConsistencyLevel(write)).toCompletableFuture());
        }
        writes.forEach(CompletableFuture::join);
    }

    /** Expiry is Cassandra's TTL, counted by its clock: {@code now} is not needed. */
    @Override
    public Map<String, List<Sample>> recent(Collection<String> identities, Instant now, int limit) {
        Map<String, CompletableFuture<AsyncResultSet>> reads = new LinkedHashMap<>();
        for (String identity : identities) {
            reads.put(identity, session.executeAsync(select.bind(identity, limit).setConsistencyLevel(read)).toCompletableFuture());
        }
        Map<String, List<Sample>> found = new LinkedHashMap<>();
        reads.forEach((identity, result) -> found.put(identity, samples(result.join())));
        return found;
    }

    /** The rows of one page: LIMIT is far below the driver's page size (5000), so the first page holds them all. */
    private static List<Sample> samples(AsyncResultSet rows) {
        List<Sample> samples = new ArrayList<>();
        for (Row row : rows.currentPage()) {
            samples.add(new Sample(row.getString("message_key"), row.getInstant("scanned_at"),
                Verdict.valueOf(row.getString("verdict")), row.getDouble("score")));
        }
        return List.copyOf(samples);
    }
}
