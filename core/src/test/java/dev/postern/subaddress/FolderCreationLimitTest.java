package dev.postern.subaddress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.postern.testing.MutableClock;

class FolderCreationLimitTest {

    static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void allowsNPerUserPerDay() {
        MutableClock clock = new MutableClock(START);
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
        FolderCreationLimit limit = new FolderCreationLimit(1, new MutableClock(START));

        assertThat(limit.tryAcquire("me")).isTrue();
        limit.release("me");
        assertThat(limit.tryAcquire("me")).isTrue();
        assertThat(limit.tryAcquire("me")).isFalse();
    }

    @Test
    void zeroDisablesCreation() {
        assertThat(new FolderCreationLimit(0, new MutableClock(START)).tryAcquire("me")).isFalse();
    }
}
