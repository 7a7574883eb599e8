/**
 * James adapter for the Postern Sieve engine ({@code dev.postern.sieve}): a replacement for
 * James's {@code org.apache.james.transport.mailets.Sieve} that understands variables, subaddress,
 * mailbox, enotify, regex, imap4flags, copy and relational.
 */
package dev.postern.mailets.sieve;
