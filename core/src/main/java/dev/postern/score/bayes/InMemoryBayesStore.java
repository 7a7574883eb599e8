package dev.postern.score.bayes;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BayesStore} in one JVM's memory: for tests, corpus runs and single servers. */
public final class InMemoryBayesStore implements BayesStore {

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counts>> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counts> totals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Verdict> learned = new ConcurrentHashMap<>();

    @Override
    public Counts learned(String scope) {
        return totals.getOrDefault(scope, Counts.ZERO);
    }

    @Override
    public Map<String, Counts> counts(String scope, Collection<String> wanted) {
        Map<String, Counts> scopeTokens = tokens.getOrDefault(scope, new ConcurrentHashMap<>());
        Map<String, Counts> found = new HashMap<>();
        for (String token : wanted) {
            Counts counts = scopeTokens.get(token);
            if (counts != null) {
                found.put(token, counts);
            }
        }
        return found;
    }

    @Override
    public void add(String scope, Verdict verdict, Collection<String> added, int delta) {
        ConcurrentHashMap<String, Counts> scopeTokens = tokens.computeIfAbsent(scope, s -> new ConcurrentHashMap<>());
        for (String token : added) {
            scopeTokens.compute(token, (t, counts) -> plus(counts, verdict, delta));
        }
        totals.compute(scope, (s, counts) -> plus(counts, verdict, delta));
    }

    private static Counts plus(Counts counts, Verdict verdict, int delta) {
        Counts current = counts == null ? Counts.ZERO : counts;
        Counts next = verdict == Verdict.SPAM
            ? new Counts(Math.max(0, current.spam() + delta), current.ham())
            : new Counts(current.spam(), Math.max(0, current.ham() + delta));
        return next.spam() == 0 && next.ham() == 0 ? null : next;
    }

    @Override
    public Optional<Verdict> learnedAs(String scope, String digest) {
        return Optional.ofNullable(learned.get(scope + '\u0000' + digest));
    }

    @Override
    public void setLearnedAs(String scope, String digest, Optional<Verdict> verdict) {
        String key = scope + '\u0000' + digest;
        verdict.ifPresentOrElse(v -> learned.put(key, v), () -> learned.remove(key));
    }
}
