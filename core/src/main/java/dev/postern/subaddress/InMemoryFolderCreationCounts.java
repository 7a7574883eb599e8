package dev.postern.subaddress;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link FolderCreationCounts} of one server; a restart forgets them, which only ever allows more folders. */
public final class InMemoryFolderCreationCounts implements FolderCreationCounts {

    private record UserDay(String user, LocalDate day) {
    }

    private final Map<UserDay, Integer> created = new ConcurrentHashMap<>();

    @Override
    public boolean tryTake(String user, LocalDate day, int limit) {
        created.keySet().removeIf(key -> key.day().isBefore(day));
        boolean[] taken = {false};
        created.compute(new UserDay(user, day), (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    @Override
    public void giveBack(String user, LocalDate day) {
        created.computeIfPresent(new UserDay(user, day), (key, count) -> count > 1 ? count - 1 : null);
    }
}
