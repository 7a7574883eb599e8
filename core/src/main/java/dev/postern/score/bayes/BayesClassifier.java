package dev.postern.score.bayes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.postern.score.config.BayesSettings;
import dev.postern.score.message.ScannedMessage;

/**
 * Learns and classifies messages. Token probability is Robinson's f(w), combined over the most
 * telling tokens with Fisher's chi-square method (Robinson, "A Statistical Approach to the Spam
 * Problem", 2003; as in SpamBayes and bogofilter). Learning a message twice is a no-op;
 * learning it as the other class moves it. A user's learning also teaches the global scope;
 * classification uses the user's own counts once they reach the minimum, else the global ones.
 */
public final class BayesClassifier {

    /** Robinson's s: how strongly the prior x holds against few observations. SpamBayes' default. */
    static final double STRENGTH = 0.45;
    /** Robinson's x: the probability assumed for a token never seen. */
    static final double PRIOR = 0.5;
    /** Tokens whose f(w) is closer to 0.5 than this say nothing and only dilute. SpamBayes' minimum_prob_strength. */
    static final double MIN_DEVIATION = 0.1;
    /** The most telling tokens used: SpamBayes' max_discriminators. */
    static final int TOKENS_USED_MAX = 150;

    private final BayesStore store;
    private final BayesSettings settings;

    public BayesClassifier(BayesStore store, BayesSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * The spam probability, with the scope whose statistics gave it.
     *
     * @param probability 0 is ham, 1 is spam
     * @param tokensUsed how many tokens weighed in
     */
    public record Classification(double probability, int tokensUsed, String scope) {
    }

    /** Learns {@code message} as {@code verdict}; returns false when it was already learned so. */
    public boolean learn(ScannedMessage message, Verdict verdict, Optional<String> user) {
        Set<String> tokens = Tokenizer.tokens(message);
        String digest = digest(tokens);
        boolean changed = false;
        for (String scope : scopes(user)) {
            Optional<Verdict> before = store.learnedAs(scope, digest);
            if (before.equals(Optional.of(verdict))) {
                continue;
            }
            before.ifPresent(old -> store.add(scope, old, tokens, -1));
            store.add(scope, verdict, tokens, +1);
            store.setLearnedAs(scope, digest, Optional.of(verdict));
            changed = true;
        }
        return changed;
    }

    /** Forgets {@code message}; returns false when it had not been learned. */
    public boolean unlearn(ScannedMessage message, Optional<String> user) {
        Set<String> tokens = Tokenizer.tokens(message);
        String digest = digest(tokens);
        boolean changed = false;
        for (String scope : scopes(user)) {
            Optional<Verdict> before = store.learnedAs(scope, digest);
            if (before.isPresent()) {
                store.add(scope, before.get(), tokens, -1);
                store.setLearnedAs(scope, digest, Optional.empty());
                changed = true;
            }
        }
        return changed;
    }

    /** Empty when Bayes is disabled or has not learned {@code minLearns} of each class yet. */
    public Optional<Classification> classify(ScannedMessage message, Optional<String> user) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Optional<String> scope = user.filter(u -> settings.perUser()).map(String::toLowerCase)
            .filter(this::ready).or(() -> Optional.of(BayesStore.GLOBAL).filter(this::ready));
        return scope.map(s -> classify(Tokenizer.tokens(message), s));
    }

    private boolean ready(String scope) {
        BayesStore.Counts learned = store.learned(scope);
        return learned.spam() >= settings.minLearns() && learned.ham() >= settings.minLearns();
    }

    private Classification classify(Set<String> tokens, String scope) {
        BayesStore.Counts learned = store.learned(scope);
        Map<String, BayesStore.Counts> counts = store.counts(scope, tokens);
        List<Double> telling = new ArrayList<>();
        for (BayesStore.Counts count : counts.values()) {
            double f = robinson(count, learned);
            if (Math.abs(f - PRIOR) >= MIN_DEVIATION) {
                telling.add(f);
            }
        }
        telling.sort(Comparator.comparingDouble((Double f) -> Math.abs(f - PRIOR)).reversed());
        List<Double> used = telling.subList(0, Math.min(TOKENS_USED_MAX, telling.size()));
        return new Classification(combine(used), used.size(), scope);
    }

    /**
     * Robinson's f(w) = (s*x + n*p(w)) / (s + n), where p(w) is the token's spam ratio with both
     * classes normalised to their number of messages and n the messages that contained it.
     */
    static double robinson(BayesStore.Counts token, BayesStore.Counts learned) {
        double spamRatio = learned.spam() == 0 ? 0 : Math.min(1.0, (double) token.spam() / learned.spam());
        double hamRatio = learned.ham() == 0 ? 0 : Math.min(1.0, (double) token.ham() / learned.ham());
        if (spamRatio + hamRatio == 0) {
            return PRIOR;
        }
        double p = spamRatio / (spamRatio + hamRatio);
        long n = token.spam() + token.ham();
        return (STRENGTH * PRIOR + n * p) / (STRENGTH + n);
    }

    /**
     * Fisher's method: S and H are how unlikely the token probabilities are under "all random" in
     * the spam and ham directions; the indicator (1 + S - H) / 2 is 1 for spam, 0 for ham, 0.5 when
     * both or neither hold. 0.5 without tokens.
     */
    static double combine(List<Double> probabilities) {
        if (probabilities.isEmpty()) {
            return PRIOR;
        }
        double lnHam = 0;
        double lnSpam = 0;
        for (double f : probabilities) {
            lnHam += Math.log(Math.max(f, 1e-200));
            lnSpam += Math.log(Math.max(1 - f, 1e-200));
        }
        int degrees = 2 * probabilities.size();
        double s = 1 - chi2Q(-2 * lnSpam, degrees);
        double h = 1 - chi2Q(-2 * lnHam, degrees);
        return (1 + s - h) / 2;
    }

    /** P(chi-square with {@code degrees} (even) degrees of freedom >= x2), by the series of the Poisson sum. */
    static double chi2Q(double x2, int degrees) {
        double m = x2 / 2;
        double term = Math.exp(-m);
        double sum = term;
        for (int i = 1; i < degrees / 2; i++) {
            term *= m / i;
            sum += term;
        }
        return Math.min(sum, 1.0);
    }

    private static List<String> scopes(Optional<String> user) {
        return user.map(u -> List.of(BayesStore.GLOBAL, u.toLowerCase())).orElse(List.of(BayesStore.GLOBAL));
    }

    /**
     * Identifies a message by its tokens, Received ones left out, so the trace headers each hop
     * adds do not make it a new message.
     */
    static String digest(Set<String> tokens) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String token : new TreeSet<>(tokens)) {
                if (token.startsWith("h:received:")) {
                    continue;
                }
                sha.update(token.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
