package dev.postern.subaddress;

import java.time.LocalDate;

/**
 * How many detail folders each user was given on each (UTC) day, for {@link FolderCreationLimit}.
 * In memory ({@link InMemoryFolderCreationCounts}) for one server; postern-cassandra's store
 * makes the limit one for every server of a cluster. A count may be forgotten once its day is
 * over.
 */
public interface FolderCreationCounts {

    /** Counts one creation for {@code user} on {@code day} unless {@code limit} are counted already; true when counted. */
    boolean tryTake(String user, LocalDate day, int limit);

    /** Takes back one creation counted for {@code user} on {@code day} (the folder existed after all, or creation failed). */
    void giveBack(String user, LocalDate day);
}
