package dev.postern.authresults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.postern.dmarc.DmarcRecord;
import dev.postern.dmarc.DmarcResult;
import dev.postern.dmarc.DmarcVerdict;
import dev.postern.dmarc.DmarcVerifier;
import dev.postern.dmarc.Policy;
import dev.postern.spf.SpfResult;
import dev.postern.spf.SpfVerdict;

/** RFC 8601: building (section 2.2, 2.7) and reading (section 2.2, 5); parse vectors in headers.txt. */
class AuthenticationResultsTest {

    static Stream<Arguments> headers() throws Exception {
        try (InputStream in = Objects.requireNonNull(AuthenticationResultsTest.class.getResourceAsStream("headers.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", -1))
                .map(row -> Arguments.of(row[0].replace("\\r\\n", "\r\n"), row[1], row[2]))
                .toList().stream();
        }
    }

    static String summary(AuthenticationResultsParser.Parsed parsed) {
        return parsed.results().stream().map(result -> result.method() + "=" + result.result()
                + result.reason().map(reason -> " reason=" + reason).orElse("")
                + result.properties().stream().map(p -> " " + p.type() + "." + p.name() + "=" + p.value()).collect(Collectors.joining()))
            .collect(Collectors.joining(" | "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void readsFields(String value, String authservId, String expected) throws Exception {
        assertThat(AuthenticationResultsParser.authservId(value)).hasValue(authservId);
        assertThat(AuthenticationResultsParser.claims(value, authservId.toUpperCase())).isTrue();
        if (expected.equals("MALFORMED")) {
            assertThatThrownBy(() -> AuthenticationResultsParser.parse(value))
                .isInstanceOf(AuthenticationResultsParser.MalformedException.class);
        } else {
            assertThat(summary(AuthenticationResultsParser.parse(value))).isEqualTo(expected);
        }
    }

    @Test
    void section5_recognisesFieldsClaimingOurId() {
        String forged = "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=paypal.com";

        assertThat(AuthenticationResultsParser.claims(forged, List.of("mx.example.net", "mx2.example.net"))).isTrue();
        assertThat(AuthenticationResultsParser.claims(forged, "MX.EXAMPLE.NET")).isTrue();
        assertThat(AuthenticationResultsParser.claims(forged, "example.net")).isFalse();
        assertThat(AuthenticationResultsParser.claims("(only a comment)", "mx.example.net")).isFalse();
        assertThat(AuthenticationResultsParser.claims("mx.example.net.evil; spf=pass", "mx.example.net")).isFalse();
    }

    static SpfVerdict spf(SpfResult result, SpfVerdict.Identity identity, String sender) throws Exception {
        String domain = sender.substring(sender.indexOf('@') + 1);
        return new SpfVerdict(result, identity, domain, sender, InetAddress.getByName("192.0.2.1"), "mail.example.com",
            Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void section2_7_buildsSpfDkimAndDmarcResults() throws Exception {
        DmarcVerdict dmarc = new DmarcVerdict(DmarcResult.FAIL, "example.com", Optional.of("example.com"), "example.com",
            Optional.of(DmarcRecord.of(Policy.REJECT)), Policy.REJECT, DmarcVerifier.PolicySource.P, Policy.QUARANTINE, true,
            false, List.of(), Optional.of("dmarc: neither SPF nor DKIM authenticated a domain aligned with example.com"));

        String value = AuthenticationResults.builder("mx.example.net")
            .add(MethodResult.spf(spf(SpfResult.PASS, SpfVerdict.Identity.MAILFROM, "alice+tag@example.com")))
            .add(MethodResult.spf(spf(SpfResult.NONE, SpfVerdict.Identity.HELO, "postmaster@mail.example.com")))
            .add(MethodResult.dkim("pass", "example.com", "sel1", "rsa-sha256", "ab/+CD=efGHij"))
            .add(MethodResult.dmarc(dmarc))
            .value();

        assertThat(value).isEqualTo("mx.example.net"
            + "; spf=pass smtp.mailfrom=alice+tag@example.com"
            + "; spf=none smtp.helo=mail.example.com"
            + "; dkim=pass header.d=example.com header.s=sel1 header.a=rsa-sha256 header.b=\"ab/+CD=e\""
            + "; dmarc=fail (p=reject dis=quarantine) reason=\"dmarc: neither SPF nor DKIM authenticated a domain aligned with example.com\" header.from=example.com");
    }

    @Test
    void section2_2_quotesWhatIsNotATokenAndReadsItBack() throws Exception {
        AuthenticationResults built = AuthenticationResults.builder("mx.example.net")
            .add(MethodResult.of("spf", "permerror").reason("bad \"record\"; see (docs)").comment("a (nested) comment")
                .with("smtp", "mailfrom", "\"odd local\"@example.com"))
            .build();

        assertThat(built.value()).isEqualTo("mx.example.net; spf=permerror (a \\(nested\\) comment) reason=\"bad \\\"record\\\"; see (docs)\""
            + " smtp.mailfrom=\"\\\"odd local\\\"@example.com\"");
        AuthenticationResultsParser.Parsed parsed = AuthenticationResultsParser.parse(built.foldedValue());
        assertThat(parsed.results().get(0).reason()).hasValue("bad \"record\"; see (docs)");
        assertThat(parsed.results().get(0).properties().get(0).value()).isEqualTo("\"odd local\"@example.com");
    }

    @Test
    void section2_2_noResultsIsNone() {
        assertThat(AuthenticationResults.builder("mx.example.net").value()).isEqualTo("mx.example.net; none");
        assertThat(AuthenticationResults.builder("my host").build().header()).isEqualTo("Authentication-Results: \"my host\"; none");
    }

    @Test
    void foldsAfterEachResult() {
        String folded = AuthenticationResults.builder("mx.example.net")
            .add(MethodResult.of("spf", "pass").with("smtp", "mailfrom", "example.com"))
            .add(MethodResult.of("dkim", "none"))
            .build().foldedValue();

        assertThat(folded).isEqualTo("mx.example.net;\r\n\tspf=pass smtp.mailfrom=example.com;\r\n\tdkim=none");
    }

    @Test
    void refusesWhatCannotBeWrittenAndSaysWhy() {
        assertThatThrownBy(() -> AuthenticationResults.builder(" "))
            .hasMessageContaining("authserv-id is empty");
        assertThatThrownBy(() -> AuthenticationResults.builder("mx").add(MethodResult.of("spf", "pass").with("smtp mail", "from", "x")))
            .hasMessage("ptype 'smtp mail' is not a keyword: use letters, digits and inner hyphens (RFC 8601 section 2.2)");
    }
}
