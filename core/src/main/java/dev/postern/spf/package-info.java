/**
 * SPF, the Sender Policy Framework (RFC 7208): a domain publishes in DNS which hosts may send
 * mail using it in MAIL FROM or HELO, and a receiver checks the connecting client's address
 * against that list. Entry point: {@link dev.postern.spf.SpfChecker}; results are
 * {@link dev.postern.spf.SpfResult}; {@link dev.postern.spf.ReceivedSpf} renders the trace header.
 */
package dev.postern.spf;
