package dev.postern.score.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.postern.score.Action;

/**
 * The configuration in effect for one scan: the global one with the recipient's domain profile
 * and then the recipient's user profile laid over it.
 */
public record Settings(Map<String, Double> weights, Map<Action, Double> thresholds, SenderLists senders) {

    public Settings {
        weights = Map.copyOf(weights);
        EnumMap<Action, Double> copy = new EnumMap<>(Action.class);
        copy.putAll(thresholds);
        thresholds = java.util.Collections.unmodifiableMap(copy);
    }

    /** The weight of a symbol; 0 for a symbol the configuration does not list. */
    public double weight(String symbol) {
        return weights.getOrDefault(symbol, 0.0);
    }

    /** The threshold of {@code action}, empty when the action is disabled. */
    public Optional<Double> threshold(Action action) {
        Double value = thresholds.get(action);
        return value == null || value.isNaN() ? Optional.empty() : Optional.of(value);
    }

    /** rspamd semantics: the most severe action whose threshold {@code score} reaches. */
    public Action actionFor(double score) {
        Action chosen = Action.NO_ACTION;
        for (Action action : Action.values()) {
            if (action != Action.NO_ACTION && threshold(action).filter(t -> score >= t).isPresent()) {
                chosen = action;
            }
        }
        return chosen;
    }

    /** rspamd's required_score: the reject threshold, NaN when reject is disabled. */
    public double requiredScore() {
        return threshold(Action.REJECT).orElse(Double.NaN);
    }

    Settings with(Profile profile) {
        if (profile.equals(Profile.EMPTY)) {
            return this; // most recipients have no profile: no copy per message
        }
        Map<String, Double> w = new java.util.HashMap<>(weights);
        w.putAll(profile.weights());
        Map<Action, Double> t = new EnumMap<>(Action.class);
        t.putAll(thresholds);
        t.putAll(profile.thresholds());
        return new Settings(w, t, senders.plus(profile.senders()));
    }
}
