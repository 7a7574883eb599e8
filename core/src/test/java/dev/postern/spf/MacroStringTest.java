package dev.postern.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7208 section 7: the vectors are in macro-expansions.txt and explanation-expansions.txt. */
class MacroStringTest {

    static MacroString.Context context(String ip) throws Exception {
        return new MacroString.Context("strong-bad@email.example.com", "strong-bad", "email.example.com",
            "email.example.com", InetAddress.getByName(ip), "mx.example.org", "mx.example.net", 1_700_000_000L,
            () -> "mx.example.org");
    }

    static Stream<Arguments> expansions() throws Exception {
        return VectorFiles.read(MacroStringTest.class, "macro-expansions.txt").map(row -> Arguments.of(row[0], row[1], row[2]));
    }

    static Stream<Arguments> explanations() throws Exception {
        return VectorFiles.read(MacroStringTest.class, "explanation-expansions.txt").map(row -> Arguments.of(row[0], row[1], row[2]));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("expansions")
    void expandsMacroStrings(String ip, String macro, String expansion) throws Exception {
        assertThat(MacroString.parse(macro).expand(context(ip))).isEqualTo(expansion);
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("explanations")
    void expandsExplanations(String ip, String macro, String expansion) throws Exception {
        assertThat(MacroString.parseExplanation(macro).expand(context(ip))).isEqualTo(expansion);
    }
}
