/**
 * Sieve (RFC 5228) extensions on top of Apache jSieve 0.8, the interpreter James 3.8.1 ships.
 *
 * <p>jSieve 0.8 knows only the base language plus fileinto, reject, vacation, envelope, body and
 * the i;octet, i;ascii-casemap and i;ascii-numeric comparators. This package adds what Dovecot
 * users expect: variables (RFC 5229), subaddress (RFC 5233), mailbox (RFC 5490), enotify with
 * mailto (RFC 5435, RFC 5436), the regex match type (draft-ietf-sieve-regex-01), imap4flags
 * (RFC 5232), copy (RFC 3894), relational (RFC 5231), body (RFC 5173, replacing jSieve's
 * :contains-only test) and encoded-character (RFC 5228 section 2.4.2.4). {@link dev.postern.sieve.PosternSieve}
 * is the entry point; it builds its own jSieve {@code SieveFactory} whose command and test maps
 * hold our classes, so nothing is looked up through jSieve's class loader.
 *
 * <p>No James server class is used here; the mail is reached through {@link
 * dev.postern.sieve.SieveMail}, and the outcome is a list of typed actions ({@link
 * dev.postern.sieve.FileIntoAction}, {@link dev.postern.sieve.KeepAction}, ...).
 */
package dev.postern.sieve;
