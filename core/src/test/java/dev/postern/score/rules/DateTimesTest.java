package dev.postern.score.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;

import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;
import org.junit.jupiter.api.Test;

class DateTimesTest {

    private static final List<String> VALUES = List.of("Sun, 29 Nov 2026 12:00:00 +0000", "29 Nov 2026 12:00 -0500",
        "Mon, 1 Jan 2001 00:00:00 GMT", "Tue, 2 Feb 99 23:59:59 EST", "Wed, 31 Dec 2025 23:59:60 +1400");

    @Test
    void theReusedParserReadsWhatAFreshOneReads() throws Exception {
        for (String value : VALUES) {
            assertThat(DateTimes.parse(value).getDate()).as(value)
                .isEqualTo(new DateTimeParser(new StringReader(value)).parseAll().getDate());
        }
    }

    @Test
    void aValueThatFailsLeavesNothingBehindForTheNext() throws Exception {
        assertThatThrownBy(() -> DateTimes.parse("Sun, 29 Nov 2026 12:00:00 +0000 and more")).isNotNull();
        assertThatThrownBy(() -> DateTimes.parse("Sun, 29 Nov \u0001 2026")).isNotNull(); // TokenMgrError mid-value
        assertThatThrownBy(() -> DateTimes.parse("Sun, 29 Nov 2026 12:00:00 +0000".repeat(400))).isNotNull(); // beyond the first buffer
        assertThat(DateTimes.parse(VALUES.get(0)).getDate())
            .isEqualTo(new DateTimeParser(new StringReader(VALUES.get(0))).parseAll().getDate());
        assertThat(DateRule.isDateTime("29 Nov 2026 12:00 -0500")).isTrue();
        assertThat(DateRule.isDateTime("yesterday")).isFalse();
    }
}
