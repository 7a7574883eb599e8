package dev.postern.storage;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of backend settings given as key to text (null when absent), shared by the
 * Cassandra and OpenSearch settings. Blank counts as absent; errors name the key and say what
 * to write.
 */
public final class SettingReader {

    private final Function<String, String> setting;

    public SettingReader(Function<String, String> setting) {
        this.setting = setting;
    }

    public String value(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public Optional<String> optional(String key) {
        String value = setting.apply(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public int positive(String key, int fallback) {
        String value = value(key, String.valueOf(fallback));
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(key + ": give a whole number above 0, not '" + value + "'");
    }

    /** {@code 500ms}, {@code 5s}, {@code 10m}, or a number of milliseconds. */
    public Duration duration(String key, Duration fallback) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return fallback;
        }
        String value = text.get();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a duration (e.g. 500ms, 5s, 10m)");
        }
    }
}
