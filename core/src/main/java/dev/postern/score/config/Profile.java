package dev.postern.score.config;

import java.util.EnumMap;
import java.util.Map;

import dev.postern.score.Action;

/**
 * What a domain or a user changes: weights of some symbols, thresholds of some actions (NaN
 * disables an action), and senders allowed or blocked.
 */
public record Profile(Map<String, Double> weights, Map<Action, Double> thresholds, SenderLists senders) {

    public static final Profile EMPTY = new Profile(Map.of(), Map.of(), SenderLists.EMPTY);

    public Profile {
        weights = Map.copyOf(weights);
        EnumMap<Action, Double> copy = new EnumMap<>(Action.class);
        copy.putAll(thresholds);
        thresholds = java.util.Collections.unmodifiableMap(copy);
    }
}
