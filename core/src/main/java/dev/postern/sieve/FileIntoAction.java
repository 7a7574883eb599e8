package dev.postern.sieve;

import java.util.List;

import org.apache.jsieve.mail.Action;

/**
 * Deliver into a mailbox (RFC 5228 section 4.1).
 *
 * @param mailbox the folder name, variables expanded
 * @param create  RFC 5490 section 3.2 ":create": create the folder when it does not exist
 * @param copy    RFC 3894 ":copy": this action does not cancel the implicit keep
 * @param flags   RFC 5232 section 5: IMAP flags to set on the stored message (may be empty)
 */
public record FileIntoAction(String mailbox, boolean create, boolean copy, List<String> flags)
        implements Action {
    public FileIntoAction {
        flags = List.copyOf(flags);
    }
}
