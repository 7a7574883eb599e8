package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalizationTest {

    private static final Map<String, String> RFC_EXAMPLE = Vectors.sections(Vectors.text("rfc6376-3.4.5.txt"));

    @Test
    void rfc6376Section345RelaxedHeaders() {
        assertThat(headers(Canonicalization.RELAXED)).isEqualTo(Vectors.notation(RFC_EXAMPLE.get("relaxed-header")));
    }

    @Test
    void rfc6376Section345RelaxedBody() {
        assertThat(body(Canonicalization.RELAXED)).isEqualTo(Vectors.notation(RFC_EXAMPLE.get("relaxed-body")));
    }

    @Test
    void rfc6376Section345SimpleHeaders() {
        assertThat(headers(Canonicalization.SIMPLE)).isEqualTo(Vectors.notation(RFC_EXAMPLE.get("simple-header")));
    }

    @Test
    void rfc6376Section345SimpleBody() {
        assertThat(body(Canonicalization.SIMPLE)).isEqualTo(Vectors.notation(RFC_EXAMPLE.get("simple-body")));
    }

    static Stream<Arguments> bodyCases() {
        return cases("body-canonicalization.txt");
    }

    static Stream<Arguments> headerCases() {
        return cases("header-canonicalization.txt");
    }

    @ParameterizedTest(name = "{0} body {1}")
    @MethodSource("bodyCases")
    void bodyVectors(String algorithm, String input, String expected) {
        Canonicalization canonicalization = Canonicalization.fromTag(algorithm).orElseThrow();
        byte[] out = canonicalization.body(decode(input).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).isEqualTo(decode(expected));
    }

    @ParameterizedTest(name = "{0} header {1}")
    @MethodSource("headerCases")
    void headerVectors(String algorithm, String input, String expected) {
        Canonicalization canonicalization = Canonicalization.fromTag(algorithm).orElseThrow();
        assertThat(canonicalization.header(decode(input))).isEqualTo(decode(expected));
    }

    private static Stream<Arguments> cases(String file) {
        List<String[]> rows = Vectors.table(file);
        assertThat(rows).as(file + " has cases").isNotEmpty();
        return rows.stream().map(row -> Arguments.of(row[0], row[1], row[2]));
    }

    private static String decode(String field) {
        return field.equals("EMPTY") ? "" : Vectors.notation(field);
    }

    private static String headers(Canonicalization canonicalization) {
        Message message = Message.parse(Vectors.notation(RFC_EXAMPLE.get("message")).getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        message.headers().forEach(h -> out.append(canonicalization.header(h.raw())));
        return out.toString();
    }

    private static String body(Canonicalization canonicalization) {
        Message message = Message.parse(Vectors.notation(RFC_EXAMPLE.get("message")).getBytes(StandardCharsets.ISO_8859_1));
        return new String(canonicalization.body(message.body()), StandardCharsets.ISO_8859_1);
    }
}
