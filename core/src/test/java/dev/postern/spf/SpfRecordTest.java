package dev.postern.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7208 sections 4.5, 4.6, 5, 6, 12: the vectors are in records.txt. */
class SpfRecordTest {

    static Stream<Arguments> records() throws Exception {
        return VectorFiles.read(SpfRecordTest.class, "records.txt").map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("records")
    void parsesOrRejects(String expected, String record) throws Exception {
        if (expected.equals("ok")) {
            assertThat(SpfRecord.parse(record)).isNotNull();
        } else {
            assertThatThrownBy(() -> SpfRecord.parse(record)).isInstanceOfSatisfying(SpfException.class,
                e -> assertThat(e.result()).isEqualTo(SpfResult.PERMERROR));
        }
    }

    @Test
    void selectsRecordsByVersionSection() {
        // RFC 7208 section 4.5: "v=spf1" then a space or the end.
        assertThat(SpfRecord.isSpf("v=spf1 -all")).isTrue();
        assertThat(SpfRecord.isSpf("v=spf1")).isTrue();
        assertThat(SpfRecord.isSpf("v=spf10 -all")).isFalse();
        assertThat(SpfRecord.isSpf("v=spf1-all")).isFalse();
        assertThat(SpfRecord.isSpf("spf2.0/pra -all")).isFalse();
    }

    @Test
    void readsTermsInOrderWithQualifiersAndPrefixes() throws Exception {
        SpfRecord record = SpfRecord.parse("v=spf1 ~a:mail.example.com/24//64 -ip6:2001:db8::/32 redirect=_spf.example.com");

        assertThat(record.directives()).extracting(SpfRecord.Directive::qualifier)
            .containsExactly(SpfRecord.Qualifier.SOFTFAIL, SpfRecord.Qualifier.FAIL);
        SpfRecord.A a = (SpfRecord.A) record.directives().get(0).mechanism();
        assertThat(a.domain().orElseThrow().toString()).isEqualTo("mail.example.com");
        assertThat(a.ip4Prefix()).isEqualTo(24);
        assertThat(a.ip6Prefix()).isEqualTo(64);
        assertThat(((SpfRecord.Ip6) record.directives().get(1).mechanism()).prefix()).isEqualTo(32);
        assertThat(record.redirect().orElseThrow().toString()).isEqualTo("_spf.example.com");
        assertThat(record.hasAll()).isFalse();
    }

    @Test
    void errorsSayWhatToFix() {
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 ip4:192.0.2.0/33"))
            .hasMessage("spf: bad prefix length /33 in 'ip4:192.0.2.0/33'; use 0 to 32");
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 a:museum"))
            .hasMessageContaining("is not a domain name; it must end in a dot and a top label");
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 exists:%{c}.example.com"))
            .hasMessageContaining("allowed only in exp= explanations");
    }
}
