package dev.postern.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingReaderTest {

    private final SettingReader read = new SettingReader(Map.of(
        "blank", "  ", "ms", "500ms", "s", " 5s ", "m", "10m", "plain", "250", "words", "five seconds", "zero", "0")::get);

    @Test
    void blankIsAbsent() {
        assertThat(read.value("blank", "fallback")).isEqualTo("fallback");
        assertThat(read.optional("missing")).isEmpty();
        assertThat(read.value("s", "x")).isEqualTo("5s");
    }

    @Test
    void durationsWithAUnitOrInMilliseconds() {
        assertThat(read.duration("ms", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(read.duration("s", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        assertThat(read.duration("m", Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
        assertThat(read.duration("plain", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(read.duration("missing", Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> read.duration("words", Duration.ZERO))
            .hasMessage("words: 'five seconds' is not a duration (e.g. 500ms, 5s, 10m)");
    }

    @Test
    void positiveNumbersOnly() {
        assertThat(read.positive("plain", 1)).isEqualTo(250);
        assertThat(read.positive("missing", 7)).isEqualTo(7);
        assertThatThrownBy(() -> read.positive("zero", 1)).hasMessage("zero: give a whole number above 0, not '0'");
    }
}
