package dev.postern.sieve;

import org.apache.jsieve.mail.Action;

/**
 * Resend the message to another address (RFC 5228 section 4.2).
 *
 * @param address the target address, variables expanded
 * @param copy    RFC 3894 ":copy": this action does not cancel the implicit keep
 */
public record RedirectAction(String address, boolean copy) implements Action {
}
