package dev.postern.score.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which sender domains have written to each "user+tag" address. A user who gives "me+shop" to
 * one shop learns of a leak when another domain writes to it.
 */
public interface TagSeenStore {

    /** The sender domains recorded for {@code tag} of {@code mailbox}, lower case; empty when none. */
    Set<String> senderDomains(String mailbox, String tag);

    /** Records that {@code senderDomain} wrote to {@code tag} of {@code mailbox}. */
    void record(String mailbox, String tag, String senderDomain, Instant when);
}
