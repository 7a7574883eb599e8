package dev.postern.score.composite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    private static boolean eval(String expression, String... present) {
        Set<String> symbols = Set.of(present);
        return ExpressionParser.parse(expression).test(symbols::contains);
    }

    @Test
    void notBindsTighterThanAndThanOr() {
        assertThat(ExpressionParser.parse("A & !B | C").toString()).isEqualTo("((A & !B) | C)");
        assertThat(eval("A & !B | C", "A")).isTrue();
        assertThat(eval("A & !B | C", "A", "B")).isFalse();
        assertThat(eval("A & !B | C", "A", "B", "C")).isTrue();
        assertThat(eval("A & (!B | C)", "A", "B")).isFalse();
        assertThat(eval("A & (!B | C)", "A", "B", "C")).isTrue();
    }

    @Test
    void wordsWorkAsOperators() {
        assertThat(eval("A and not B or C", "A")).isTrue();
        assertThat(ExpressionParser.parse("ANDROID & ORACLE").toString()).isEqualTo("(ANDROID & ORACLE)");
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertThatThrownBy(() -> ExpressionParser.parse("(A & B")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> ExpressionParser.parse("A & ")).hasMessageContaining("expected a symbol name, found the end");
        assertThatThrownBy(() -> ExpressionParser.parse("A B")).hasMessageContaining("at character 3").hasMessageContaining("join symbols with & or |");
        assertThatThrownBy(() -> ExpressionParser.parse("A && B")).hasMessageContaining("found '&'");
        assertThatThrownBy(() -> ExpressionParser.parse("(".repeat(100) + "A" + ")".repeat(100))).hasMessageContaining("nested deeper than 64");
    }
}
