package dev.postern.score.composite;

import java.util.Objects;

/**
 * A composite symbol: when {@code expression} holds over the symbols found, {@code name} is added
 * and {@code policy} applies to the parts it matched. Its weight is configured like any symbol's.
 */
public record Composite(String name, Expression expression, RemovalPolicy policy) {

    public Composite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(policy, "policy");
    }

    public static Composite of(String name, String expression, RemovalPolicy policy) {
        return new Composite(name, ExpressionParser.parse(expression), policy);
    }
}
