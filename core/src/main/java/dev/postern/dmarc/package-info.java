/**
 * DMARC, Domain-based Message Authentication, Reporting and Conformance (RFC 7489, with the np
 * tag of RFC 9091): the domain in a message's From header publishes a policy, and a message
 * passes when SPF or DKIM authenticated a domain aligned with it. Entry point:
 * {@link dev.postern.dmarc.DmarcVerifier}; results are {@link dev.postern.dmarc.DmarcResult}.
 */
package dev.postern.dmarc;
