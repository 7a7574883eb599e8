/**
 * The Authentication-Results header field (RFC 8601): how a receiving host tells its own mail
 * filters and users which authentication checks (SPF, DKIM, DMARC, ...) it ran on a message and
 * with what result. {@link dev.postern.authresults.AuthenticationResults} builds the field;
 * {@link dev.postern.authresults.AuthenticationResultsParser} reads one, so forged fields that
 * claim this host's authserv-id can be removed (RFC 8601 section 5).
 */
package dev.postern.authresults;
