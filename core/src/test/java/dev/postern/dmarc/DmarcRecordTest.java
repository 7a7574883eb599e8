package dev.postern.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7489 section 6.3, 6.4 and 6.6.3, RFC 9091 section 4.1: vectors in dmarc-records.txt. */
class DmarcRecordTest {

    static Stream<Arguments> records() throws Exception {
        try (InputStream in = Objects.requireNonNull(DmarcRecordTest.class.getResourceAsStream("dmarc-records.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(row -> Arguments.of(row[0], row[1]))
                .toList().stream();
        }
    }

    static String summary(DmarcRecord r) {
        return String.join(" ", r.policy().keyword(), name(r.subdomainPolicy()), name(r.nonExistentPolicy()),
            Integer.toString(r.percent()), r.dkimAlignment().keyword(), r.spfAlignment().keyword(),
            Integer.toString(r.aggregateReports().size()), Integer.toString(r.failureReports().size()),
            String.join(",", r.failureOptions()), Long.toString(r.reportInterval()), String.join(",", r.reportFormats()),
            Boolean.toString(r.policyAssumed()));
    }

    private static String name(Optional<Policy> policy) {
        return policy.map(Policy::keyword).orElse("-");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("records")
    void parsesOrIgnores(String record, String expected) throws Exception {
        if (expected.equals("invalid")) {
            assertThatThrownBy(() -> DmarcRecord.parse(record)).isInstanceOf(DmarcRecord.InvalidRecordException.class);
        } else {
            assertThat(summary(DmarcRecord.parse(record))).isEqualTo(expected);
        }
    }

    @Test
    void readsReportUriSizeLimits() throws Exception {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=none; rua=mailto:a@example.com!10m,mailto:b@example.com, bogus");

        assertThat(record.aggregateReports()).extracting(uri -> uri.uri().toString())
            .containsExactly("mailto:a@example.com", "mailto:b@example.com");
        assertThat(record.aggregateReports().get(0).maxSize()).hasValue(10L * 1024 * 1024);
        assertThat(record.aggregateReports().get(1).maxSize()).isEmpty();
    }

    @Test
    void recognisesDmarcRecordsByTheirFirstTag() {
        assertThat(DmarcRecord.isDmarc("v=DMARC1; p=none")).isTrue();
        assertThat(DmarcRecord.isDmarc("v=DMARC1")).isTrue();
        assertThat(DmarcRecord.isDmarc("v=spf1 -all")).isFalse();
        assertThat(DmarcRecord.isDmarc("p=none; v=DMARC1")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=DMARC10; p=none")).isFalse();
    }

    @Test
    void errorsSayWhatToFix() {
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=reject; pct=150"))
            .hasMessage("dmarc: pct=150 must be a whole number from 0 to 100");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=block"))
            .hasMessage("dmarc: p= is missing or not none, quarantine or reject");
        assertThatThrownBy(() -> DmarcRecord.parse("p=none"))
            .hasMessage("dmarc: the record must begin with v=DMARC1");
    }
}
