package dev.postern.score.bayes;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Token counts of the Bayes classifier, per scope: {@link #GLOBAL} or a user's address. Every
 * method is one read or one batch of increments, which a Cassandra table of counters per
 * (scope, token) serves directly.
 */
public interface BayesStore {

    /** The scope shared by all users. */
    String GLOBAL = "";

    /** How many spam and ham messages a token, or a scope, has been learned from. */
    record Counts(long spam, long ham) {
        public static final Counts ZERO = new Counts(0, 0);
    }

    /** Messages learned in {@code scope}. */
    Counts learned(String scope);

    /** The counts of each of {@code tokens} in {@code scope}; tokens never learned may be absent. */
    Map<String, Counts> counts(String scope, Collection<String> tokens);

    /**
     * Adds {@code delta} (+1 learn, -1 unlearn) to the {@code verdict} count of each token and of
     * the scope's message total. Counts never go below zero.
     */
    void add(String scope, Verdict verdict, Collection<String> tokens, int delta);

    /** How the message with this digest was learned in {@code scope}, if it was. */
    Optional<Verdict> learnedAs(String scope, String digest);

    /** Records how the message was learned; empty forgets it (after unlearning). */
    void setLearnedAs(String scope, String digest, Optional<Verdict> verdict);
}
