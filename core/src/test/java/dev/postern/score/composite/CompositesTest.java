package dev.postern.score.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postern.score.Symbol;

class CompositesTest {

    private static final List<Symbol> FOUND = List.of(new Symbol("A", 1.0, List.of("a")), new Symbol("B", 2.0, List.of()),
        new Symbol("C", 4.0, List.of()));
    private static final Map<String, Double> WEIGHTS = Map.of("X", 10.0, "Y", 20.0);

    private static List<Symbol> apply(Composite... composites) {
        return Composites.apply(FOUND, List.of(composites), name -> WEIGHTS.getOrDefault(name, 0.0));
    }

    private static double sum(List<Symbol> symbols) {
        return symbols.stream().mapToDouble(Symbol::score).sum();
    }

    @Test
    void removeWeightKeepsThePartsListedAtZero() {
        List<Symbol> result = apply(Composite.of("X", "A & B", RemovalPolicy.REMOVE_WEIGHT));
        assertThat(result).extracting(Symbol::name).containsExactly("A", "B", "C", "X");
        assertThat(result).extracting(Symbol::score).containsExactly(0.0, 0.0, 4.0, 10.0);
        assertThat(result.get(3).options()).containsExactly("A", "B");
    }

    @Test
    void removeSymbolDropsTheParts() {
        List<Symbol> result = apply(Composite.of("X", "A & B", RemovalPolicy.REMOVE_SYMBOL));
        assertThat(result).extracting(Symbol::name).containsExactly("C", "X");
        assertThat(sum(result)).isEqualTo(14.0);
    }

    @Test
    void leaveAddsTheCompositeToItsParts() {
        assertThat(sum(apply(Composite.of("X", "A & B", RemovalPolicy.LEAVE)))).isEqualTo(17.0);
    }

    @Test
    void partsRequiredAbsentAreNeverRemovedNorAreUnmatchedAlternatives() {
        List<Symbol> result = apply(Composite.of("X", "A & !D | E", RemovalPolicy.REMOVE_SYMBOL));
        assertThat(result).extracting(Symbol::name).containsExactly("B", "C", "X");
        List<Symbol> negated = apply(Composite.of("X", "A & !(B & D)", RemovalPolicy.REMOVE_SYMBOL));
        assertThat(negated).extracting(Symbol::name).as("B sits under NOT").containsExactly("B", "C", "X");
    }

    @Test
    void anUnmatchedCompositeChangesNothing() {
        assertThat(apply(Composite.of("X", "A & D", RemovalPolicy.REMOVE_SYMBOL))).isEqualTo(FOUND);
    }

    @Test
    void theMildestPolicyWinsAndRemovalsComeAfterAllComposites() {
        List<Symbol> result = apply(Composite.of("X", "A & B", RemovalPolicy.REMOVE_SYMBOL),
            Composite.of("Y", "B & C", RemovalPolicy.LEAVE));
        assertThat(result).extracting(Symbol::name, Symbol::score)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("B", 2.0), org.assertj.core.groups.Tuple.tuple("C", 4.0),
                org.assertj.core.groups.Tuple.tuple("X", 10.0), org.assertj.core.groups.Tuple.tuple("Y", 20.0));
    }

    @Test
    void aCompositeMayUseAnEarlierComposite() {
        List<Symbol> result = apply(Composite.of("X", "A & B", RemovalPolicy.REMOVE_WEIGHT),
            Composite.of("Y", "X & C", RemovalPolicy.REMOVE_WEIGHT));
        assertThat(sum(result)).isEqualTo(20.0);
    }
}
