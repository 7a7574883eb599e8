package dev.postern.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7489 section 6.6.1: vectors in author-domains.txt. */
class AuthorDomainsTest {

    static Stream<Arguments> fields() throws Exception {
        try (InputStream in = Objects.requireNonNull(AuthorDomainsTest.class.getResourceAsStream("author-domains.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("#") && line.contains("\t"))
                .map(line -> line.split("\t", -1))
                .map(row -> Arguments.of(row[0], row[1].isEmpty() ? List.of() : List.of(row[1].split(","))))
                .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("fields")
    void extractsDomains(String field, List<String> domains) {
        assertThat(AuthorDomains.of(field)).isEqualTo(domains);
    }
}
