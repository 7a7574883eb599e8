package dev.postern.score.composite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import dev.postern.score.Symbol;

/**
 * Applies composites to the symbols of a scan. Composites are evaluated in the order given, so a
 * composite may use composites listed before it. Removals are applied after all are evaluated,
 * as rspamd does, so one composite's removal never hides a part from another. When several
 * matched composites disagree about one part, the mildest policy wins (LEAVE over REMOVE_WEIGHT
 * over REMOVE_SYMBOL), as rspamd's symbol removal does.
 */
public final class Composites {

    private Composites() {
    }

    /**
     * @param symbols the symbols the rules emitted
     * @param weight the configured weight of each composite name
     * @return the symbols with the matched composites added and the removals applied
     */
    public static List<Symbol> apply(List<Symbol> symbols, List<Composite> composites, ToDoubleFunction<String> weight) {
        Set<String> present = new HashSet<>();
        symbols.forEach(symbol -> present.add(symbol.name()));
        List<Symbol> added = new ArrayList<>();
        Map<String, RemovalPolicy> removals = new HashMap<>();
        for (Composite composite : composites) {
            if (present.contains(composite.name()) || !composite.expression().test(present::contains)) {
                continue;
            }
            Set<String> parts = new LinkedHashSet<>();
            composite.expression().matchedParts(present::contains, parts);
            present.add(composite.name());
            added.add(new Symbol(composite.name(), weight.applyAsDouble(composite.name()), List.copyOf(parts)));
            for (String part : parts) {
                removals.merge(part, composite.policy(), Composites::milder);
            }
        }
        List<Symbol> result = new ArrayList<>();
        for (Symbol symbol : concat(symbols, added)) {
            RemovalPolicy policy = removals.getOrDefault(symbol.name(), RemovalPolicy.LEAVE);
            switch (policy) {
                case LEAVE -> result.add(symbol);
                case REMOVE_WEIGHT -> result.add(symbol.withScore(0));
                case REMOVE_SYMBOL, REMOVE_ALL -> {
                }
            }
        }
        return result;
    }

    private static List<Symbol> concat(List<Symbol> a, List<Symbol> b) {
        List<Symbol> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static RemovalPolicy milder(RemovalPolicy a, RemovalPolicy b) {
        return rank(a) <= rank(b) ? a : b;
    }

    private static int rank(RemovalPolicy policy) {
        return switch (policy) {
            case LEAVE -> 0;
            case REMOVE_WEIGHT -> 1;
            case REMOVE_SYMBOL, REMOVE_ALL -> 2;
        };
    }
}
