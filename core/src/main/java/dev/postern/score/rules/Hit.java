package dev.postern.score.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.postern.score.Action;

/**
 * A rule's finding: the symbol, the factor its configured weight is multiplied by (1 for
 * yes/no rules, a probability for Bayes), the matched values, and an action the rule forces
 * whatever the score (GTUBE: reject; a rate limit: soft reject).
 */
public record Hit(String symbol, double factor, List<String> options, Optional<Action> forcedAction) {

    public Hit {
        Objects.requireNonNull(symbol, "symbol");
        options = List.copyOf(options);
        Objects.requireNonNull(forcedAction, "forcedAction");
    }

    public static Hit of(String symbol, String... options) {
        return new Hit(symbol, 1.0, List.of(options), Optional.empty());
    }

    public static Hit scaled(String symbol, double factor, String... options) {
        return new Hit(symbol, factor, List.of(options), Optional.empty());
    }

    public static Hit forcing(String symbol, Action action, String... options) {
        return new Hit(symbol, 1.0, List.of(options), Optional.of(action));
    }
}
