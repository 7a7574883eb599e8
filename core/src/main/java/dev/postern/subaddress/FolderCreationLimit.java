package dev.postern.subaddress;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N detail folders created per user per (UTC) day: a sender who invents tags must not
 * be able to fill a mailbox with folders. Kept in memory: a restart forgets the day's count,
 * which only ever allows more folders, never loses mail.
 */
public final class FolderCreationLimit {

    public static final int DEFAULT_PER_DAY = 20;

    private record UserDay(String user, LocalDate day) {
    }

    private final int perDay;
    private final Clock clock;
    private final Map<UserDay, Integer> created = new ConcurrentHashMap<>();

    public FolderCreationLimit(int perDay, Clock clock) {
        if (perDay < 0) {
            throw new IllegalArgumentException("folders per user per day: give 0 or more, not " + perDay);
        }
        this.perDay = perDay;
        this.clock = clock;
    }

    public int perDay() {
        return perDay;
    }

    /** Takes one creation for {@code user} today; false when today's allowance is spent. */
    public boolean tryAcquire(String user) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        created.keySet().removeIf(key -> key.day().isBefore(today));
        int[] granted = {0};
        created.compute(new UserDay(user, today), (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perDay) {
                return current;
            }
            granted[0] = 1;
            return current + 1;
        });
        return granted[0] == 1;
    }

    /** Gives back a creation that did not happen (the folder existed after all, or creation failed). */
    public void release(String user) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        created.computeIfPresent(new UserDay(user, today), (key, count) -> count > 1 ? count - 1 : null);
    }
}
