package dev.postern.score;

import java.util.List;
import java.util.Objects;

/**
 * One symbol in a result: its name, the score it contributed (weight times the rule's factor,
 * 0 when a composite removed its weight) and the options the rule attached (matched values).
 */
public record Symbol(String name, double score, List<String> options) {

    public Symbol {
        Objects.requireNonNull(name, "name");
        options = List.copyOf(options);
    }

    public Symbol withScore(double newScore) {
        return new Symbol(name, newScore, options);
    }
}
