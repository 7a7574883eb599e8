package dev.postern.score.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** At most {@code count} messages per {@code period} per value of {@code bucket}. */
public record RateLimit(Bucket bucket, long count, Duration period) {

    /** What a rate limit counts by. */
    public enum Bucket {
        /** The envelope sender address. */
        SENDER,
        /** The client IP. */
        IP,
        /** The SMTP AUTH user. */
        USER;

        public static Optional<Bucket> parse(String text) {
            for (Bucket bucket : values()) {
                if (bucket.name().equalsIgnoreCase(text.trim())) {
                    return Optional.of(bucket);
                }
            }
            return Optional.empty();
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
