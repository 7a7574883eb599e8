package dev.postern.score.rules;

import java.util.List;
import java.util.Locale;

import dev.postern.score.bayes.BayesClassifier;

/**
 * BAYES_SPAM or BAYES_HAM with the weight scaled by how sure the classifier is: a probability p
 * gives the factor (p - 0.5) * 2 toward spam or (0.5 - p) * 2 toward ham, as rspamd scales its
 * Bayes symbols. Near 0.5 Bayes abstains. Per-user statistics are used for a single recipient.
 */
public final class BayesRule implements Rule {

    /** Probabilities within this distance of 0.5 are "unsure" (SpamBayes' unsure band is wider; ours adds a factor). */
    static final double UNSURE = 0.1;

    private final BayesClassifier classifier;

    public BayesRule(BayesClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public List<Hit> check(RuleInput input) {
        return classifier.classify(input.message(), input.recipient())
            .filter(c -> Math.abs(c.probability() - 0.5) >= UNSURE)
            .map(c -> {
                String option = String.format(Locale.ROOT, "%.2f%%", c.probability() * 100);
                return c.probability() > 0.5
                    ? Hit.scaled("BAYES_SPAM", (c.probability() - 0.5) * 2, option)
                    : Hit.scaled("BAYES_HAM", (0.5 - c.probability()) * 2, option);
            })
            .map(List::of)
            .orElse(List.of());
    }
}
