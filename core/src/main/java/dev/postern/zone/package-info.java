/**
 * The DNS records a mail domain served by Postern needs (MX, SPF, DKIM keys, DMARC), as data and
 * as zone-file lines (RFC 1035 section 5.1), so administrators can paste them into their zone.
 */
package dev.postern.zone;
