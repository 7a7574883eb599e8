/**
 * DNS (RFC 1035) as Postern uses it: which servers to ask. Every lookup of Postern and of the
 * James it runs in goes to the servers named by {@code POSTERN_DNS} (or the configuration),
 * over UDP with TCP fallback on truncation (RFC 7766 section 5).
 */
package dev.postern.dns;
