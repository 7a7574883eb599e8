package dev.postern.cassandra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.postern.score.bayes.BayesStore;
import dev.postern.score.bayes.Verdict;

/**
 * {@link BayesStore} in counter tables {@code bayes_tokens} (per scope and token) and
 * {@code bayes_totals} (per scope), and {@code bayes_learned} (digests of learned messages).
 * Scopes are stored as {@code g:} for {@link #GLOBAL} and {@code u:<address>} for a user:
 * Cassandra refuses an empty partition key.
 *
 * <p>Counters cannot refuse to go below zero, so an unlearn reads the counts first and
 * subtracts at most what is there; reads also clamp at zero, in case two unlearns raced.
 */
public final class CassandraBayesStore implements BayesStore {

    /** Token reads and updates in flight at once per call, well under the driver's per-connection limit. */
    static final int PARALLELISM = 128;

    private final CqlSession session;
    private final PreparedStatement selectToken;
    private final PreparedStatement addSpam;
    private final PreparedStatement addHam;
    private final PreparedStatement selectTotal;
    private final PreparedStatement addTotalSpam;
    private final PreparedStatement addTotalHam;
    private final PreparedStatement selectLearned;
    private final PreparedStatement insertLearned;
    private final PreparedStatement deleteLearned;
    private final ConsistencyLevel read;
    private final ConsistencyLevel write;

    public CassandraBayesStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        String ks = settings.keyspace();
        this.selectToken = session.prepare("SELECT spam, ham FROM " + ks + ".bayes_tokens WHERE scope = ? AND term = ?");
        this.addSpam = session.prepare("UPDATE " + ks + ".bayes_tokens SET spam = spam + ? WHERE scope = ? AND term = ?");
        this.addHam = session.prepare("UPDATE " + ks + ".bayes_tokens SET ham = ham + ? WHERE scope = ? AND term = ?");
        this.selectTotal = session.prepare("SELECT spam, ham FROM " + ks + ".bayes_totals WHERE scope = ?");
        this.addTotalSpam = session.prepare("UPDATE " + ks + ".bayes_totals SET spam = spam + ? WHERE scope = ?");
        this.addTotalHam = session.prepare("UPDATE " + ks + ".bayes_totals SET ham = ham + ? WHERE scope = ?");
        this.selectLearned = session.prepare("SELECT verdict FROM " + ks + ".bayes_learned WHERE scope = ? AND digest = ?");
        this.insertLearned = session.prepare("INSERT INTO " + ks + ".bayes_learned (scope, digest, verdict) VALUES (?, ?, ?)");
        this.deleteLearned = session.prepare("DELETE FROM " + ks + ".bayes_learned WHERE scope = ? AND digest = ?");
        this.read = settings.readConsistency();
        this.write = settings.writeConsistency();
    }

    @Override
    public Counts learned(String scope) {
        Row row = session.execute(selectTotal.bind(stored(scope)).setConsistencyLevel(read)).one();
        Counts counts = counts(row);
        return counts == null ? Counts.ZERO : counts;
    }

    @Override
    public Map<String, Counts> counts(String scope, Collection<String> tokens) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(tokens));
        Map<String, Counts> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += PARALLELISM) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + PARALLELISM));
            List<CompletableFuture<AsyncResultSet>> reads = new ArrayList<>(chunk.size());
            for (String token : chunk) {
                reads.add(session.executeAsync(selectToken.bind(stored(scope), token).setConsistencyLevel(read)).toCompletableFuture());
            }
            for (int i = 0; i < chunk.size(); i++) {
                Counts counts = counts(reads.get(i).join().one());
                if (counts != null) {
                    found.put(chunk.get(i), counts);
                }
            }
        }
        return found;
    }

    @Override
    public void add(String scope, Verdict verdict, Collection<String> tokens, int delta) {
        if (delta == 0) {
            return;
        }
        PreparedStatement token = verdict == Verdict.SPAM ? addSpam : addHam;
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(tokens));
        Map<String, Counts> current = delta < 0 ? counts(scope, distinct) : Map.of();
        List<CompletionStage<AsyncResultSet>> writes = new ArrayList<>();
        for (String name : distinct) {
            long by = delta > 0 ? delta : -Math.min(-delta, of(current.getOrDefault(name, Counts.ZERO), verdict));
            if (by != 0) {
                writes.add(session.executeAsync(token.bind(by, stored(scope), name).setConsistencyLevel(write)));
            }
            if (writes.size() >= PARALLELISM) {
                await(writes);
            }
        }
        await(writes);
        long byTotal = delta > 0 ? delta : -Math.min(-delta, of(learned(scope), verdict));
        if (byTotal != 0) {
            session.execute((verdict == Verdict.SPAM ? addTotalSpam : addTotalHam).bind(byTotal, stored(scope)).setConsistencyLevel(write));
        }
    }

    @Override
    public Optional<Verdict> learnedAs(String scope, String digest) {
        Row row = session.execute(selectLearned.bind(stored(scope), digest).setConsistencyLevel(read)).one();
        return row == null || row.isNull("verdict") ? Optional.empty() : Optional.of(Verdict.valueOf(row.getString("verdict")));
    }

    @Override
    public void setLearnedAs(String scope, String digest, Optional<Verdict> verdict) {
        session.execute((verdict.isPresent()
            ? insertLearned.bind(stored(scope), digest, verdict.get().name())
            : deleteLearned.bind(stored(scope), digest)).setConsistencyLevel(write));
    }

    static String stored(String scope) {
        return scope.isEmpty() ? "g:" : "u:" + scope;
    }

    private static long of(Counts counts, Verdict verdict) {
        return verdict == Verdict.SPAM ? counts.spam() : counts.ham();
    }

    /** Null for a missing row or one counted down to nothing, as the memory store forgets it. */
    private static Counts counts(Row row) {
        if (row == null) {
            return null;
        }
        long spam = row.isNull("spam") ? 0 : Math.max(0, row.getLong("spam"));
        long ham = row.isNull("ham") ? 0 : Math.max(0, row.getLong("ham"));
        return spam == 0 && ham == 0 ? null : new Counts(spam, ham);
    }

    private static void await(List<CompletionStage<AsyncResultSet>> writes) {
        for (CompletionStage<AsyncResultSet> write : writes) {
            write.toCompletableFuture().join();
        }
        writes.clear();
    }
}
