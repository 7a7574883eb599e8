package dev.postern.subaddress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What every {@link FolderCreationCounts} does; subclassed once per implementation. Users are new per test. */
public abstract class FolderCreationCountsContract {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 29);

    private final String me = "me-" + UUID.randomUUID() + "@example.org";
    private final String you = "you-" + UUID.randomUUID() + "@example.org";

    protected abstract FolderCreationCounts counts();

    @Test
    void countsUpToTheLimitPerUserAndDay() {
        FolderCreationCounts counts = counts();
        assertThat(counts.tryTake(me, DAY, 2)).isTrue();
        assertThat(counts.tryTake(me, DAY, 2)).isTrue();
        assertThat(counts.tryTake(me, DAY, 2)).isFalse();
        assertThat(counts.tryTake(you, DAY, 2)).isTrue();
        assertThat(counts.tryTake(me, DAY.plusDays(1), 2)).as("a new day").isTrue();
    }

    @Test
    void aCreationGivenBackCanBeTakenAgain() {
        FolderCreationCounts counts = counts();
        assertThat(counts.tryTake(me, DAY, 1)).isTrue();
        counts.giveBack(me, DAY);
        assertThat(counts.tryTake(me, DAY, 1)).isTrue();
        assertThat(counts.tryTake(me, DAY, 1)).isFalse();
        counts.giveBack(you, DAY); // nothing counted: nothing happens
        assertThat(counts.tryTake(you, DAY, 1)).isTrue();
        assertThat(counts.tryTake(you, DAY, 1)).isFalse();
    }

    @Test
    void aLimitOfZeroCountsNothing() {
        assertThat(counts().tryTake(me, DAY, 0)).isFalse();
    }
}
