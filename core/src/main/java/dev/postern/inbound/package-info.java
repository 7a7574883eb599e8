/**
 * Authentication of inbound mail as a receiving MX does it: SPF at MAIL FROM (RFC 7208), DKIM
 * (RFC 6376) and DMARC (RFC 7489) once the message is in, one Authentication-Results field
 * (RFC 8601), and the local policy that turns results into an SMTP reply (accept, quarantine,
 * reject, defer). Entry point: {@link dev.postern.inbound.MessageAuthenticator}; settings:
 * {@link dev.postern.inbound.InboundPolicy}. No James import: the SMTP hook and the mailets
 * only adapt this package.
 */
package dev.postern.inbound;
