package dev.postern.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ScanResultTest {

    private final ScanResult result = new ScanResult(7.3, 15, Action.ADD_HEADER, List.of(
        new Symbol("BAYES_SPAM", 6.1, List.of("96.92%")),
        new Symbol("TAG_LEAK", 1.2, List.of("bob+shop@example.org", "evil\"\\\n[x],é"))), Optional.empty());

    @Test
    void jsonIsOneLineInRspamdShapeAndEscaped() {
        assertThat(result.toJson()).isEqualTo("{\"score\":7.3,\"required_score\":15,\"action\":\"add header\",\"forced_by\":null,"
            + "\"symbols\":{\"BAYES_SPAM\":{\"name\":\"BAYES_SPAM\",\"score\":6.1,\"options\":[\"96.92%\"]},"
            + "\"TAG_LEAK\":{\"name\":\"TAG_LEAK\",\"score\":1.2,\"options\":[\"bob+shop@example.org\",\"evil\\\"\\\\\\n[x],é\"]}}}");
        assertThat(result.toJson()).doesNotContain("\n");
    }

    @Test
    void jsonHasNoNaNAndEscapesControls() {
        ScanResult noReject = new ScanResult(0, Double.NaN, Action.REJECT, List.of(new Symbol("A", -0.25, List.of("\u0001"))), Optional.of("GTUBE"));
        assertThat(noReject.toJson()).isEqualTo("{\"score\":0,\"required_score\":null,\"action\":\"reject\",\"forced_by\":\"GTUBE\","
            + "\"symbols\":{\"A\":{\"name\":\"A\",\"score\":-0.25,\"options\":[\"\\u0001\"]}}}");
    }

    @Test
    void headerValuesAreAsciiOnOneLine() {
        assertThat(result.scoreHeader()).isEqualTo("7.30 / 15.00");
        assertThat(result.actionHeader()).isEqualTo("add header");
        assertThat(result.symbolsHeader()).isEqualTo("BAYES_SPAM(6.10)[96.92%], TAG_LEAK(1.20)[bob+shop@example.org,evil\"\\??x???]");
    }

    @Test
    void headerMapForMailets() {
        assertThat(result.headers()).containsExactly(
            org.assertj.core.api.Assertions.entry("X-Spam-Score", "7.30 / 15.00"),
            org.assertj.core.api.Assertions.entry("X-Spam-Action", "add header"),
            org.assertj.core.api.Assertions.entry("X-Spam-Symbols", result.symbolsHeader()));
        ScanResult many = new ScanResult(1, 15, Action.NO_ACTION, List.of(new Symbol("A", 1, List.of("1", "2", "3", "4"))), Optional.empty());
        assertThat(many.symbolsHeader()).isEqualTo("A(1.00)[1,2,3]");
    }

    @Test
    void actionsParseFromEverySpelling() {
        assertThat(Action.parse("add header")).contains(Action.ADD_HEADER);
        assertThat(Action.parse("soft-reject")).contains(Action.SOFT_REJECT);
        assertThat(Action.parse("REJECT")).contains(Action.REJECT);
        assertThat(Action.parse("discard")).isEmpty();
        assertThat(Action.REJECT.atLeast(Action.ADD_HEADER)).isTrue();
        assertThat(Action.GREYLIST.atLeast(Action.ADD_HEADER)).isFalse();
    }

    @Test
    void fixedWritesTheDigitsOfStringFormat() {
        // Ties, values whose shortest decimal form is a tie but whose binary value is not, signs.
        double[] values = {0, -0.0, 0.125, -0.125, 1.005, 2.675, -2.675, 1e-9, -1e-9, 0.00005, -0.00005, 12345.67895,
            1.0 / 3, -7.3, 15, 1e20, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; i < 100_000 + values.length; i++) {
            double value = i < values.length ? values[i] : Math.round((random.nextDouble() - 0.5) * 4_000_000) / 100_000.0 * 0.5;
            for (int decimals : new int[] {2, 4}) {
                assertThat(ScanResult.fixed(value, decimals)).as("%s to %d decimals", value, decimals)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%." + decimals + "f", value));
            }
        }
    }
}
