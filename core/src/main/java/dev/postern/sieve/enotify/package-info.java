/**
 * RFC 5435 Sieve "enotify" with the mailto method of RFC 5436: the notify action, the
 * valid_notify_method and notify_method_capability tests (":encodeurl" lives in {@code set}).
 * The engine only records a {@link dev.postern.sieve.NotifyAction}; the mailet sends it, with the
 * loop protections of RFC 5436 section 2.7.
 */
package dev.postern.sieve.enotify;
