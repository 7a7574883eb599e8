/**
 * Subaddresses (RFC 5233): a local part "user+detail" names the mailbox of "user" and carries
 * a "detail" the owner chose, typically to sort mail. Pure functions, no James dependency.
 */
package dev.postern.subaddress;
