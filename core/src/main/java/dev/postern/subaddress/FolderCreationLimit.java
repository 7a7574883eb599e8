package dev.postern.subaddress;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * At most N detail folders created per user per (UTC) day: a sender who invents tags must not
 * be able to fill a mailbox with folders. The counts are in {@link FolderCreationCounts}: in
 * memory by default (a restart forgets the day's count, which only ever allows more folders,
 * never loses mail), shared by a cluster with {@code storage=cassandra}.
 */
public final class FolderCreationLimit {

    public static final int DEFAULT_PER_DAY = 20;

    private final int perDay;
    private final Clock clock;
    private final FolderCreationCounts counts;

    public FolderCreationLimit(int perDay, Clock clock) {
        this(perDay, clock, new InMemoryFolderCreationCounts());
    }

    public FolderCreationLimit(int perDay, Clock clock, FolderCreationCounts counts) {
        if (perDay < 0) {
            throw new IllegalArgumentException("folders per user per day: give 0 or more, not " + perDay);
        }
        this.perDay = perDay;
        this.clock = clock;
        this.counts = counts;
    }

    public int perDay() {
        return perDay;
    }

    /** Takes one creation for {@code user} today; false when today's allowance is spent. */
    public boolean tryAcquire(String user) {
        return counts.tryTake(user, today(), perDay);
    }

    /** Gives back a creation that did not happen (the folder existed after all, or creation failed). */
    public void release(String user) {
        counts.giveBack(user, today());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
