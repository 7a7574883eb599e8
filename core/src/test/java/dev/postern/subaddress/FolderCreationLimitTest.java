package dev.postern.subaddress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class FolderCreationLimitTest {

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void allowsNPerUserPerDay() {
        MutableClock clock = new MutableClock();
        FolderCreationLimit limit = new FolderCreationLimit(2, clock);

        assertThat(limit.tryAcquire("me")).isTrue();
        assertThat(limit.tryAcquire("me")).isTrue();
        assertThat(limit.tryAcquire("me")).isFalse();
        assertThat(limit.tryAcquire("you")).isTrue();

        clock.advance(Duration.ofHours(14));
        assertThat(limit.tryAcquire("me")).isTrue();
    }

    @Test
    void aReleasedCreationCanBeTakenAgain() {
        FolderCreationLimit limit = new FolderCreationLimit(1, new MutableClock());

        assertThat(limit.tryAcquire("me")).isTrue();
        limit.release("me");
        assertThat(limit.tryAcquire("me")).isTrue();
        assertThat(limit.tryAcquire("me")).isFalse();
    }

    @Test
    void zeroDisablesCreation() {
        assertThat(new FolderCreationLimit(0, new MutableClock()).tryAcquire("me")).isFalse();
    }
}
