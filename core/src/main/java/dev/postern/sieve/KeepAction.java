package dev.postern.sieve;

import java.util.List;

import org.apache.jsieve.mail.Action;

/**
 * Deliver into the user's default mailbox (RFC 5228 section 4.3), explicit or implicit.
 *
 * @param flags RFC 5232 section 5: IMAP flags to set on the stored message (may be empty)
 */
public record KeepAction(List<String> flags) implements Action {
    public KeepAction {
        flags = List.copyOf(flags);
    }
}
