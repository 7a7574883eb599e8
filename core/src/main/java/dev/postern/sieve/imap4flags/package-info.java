/**
 * RFC 5232 Sieve "imap4flags": setflag, addflag, removeflag on the internal flag variable or on
 * a named variable, the hasflag test, and ":flags" on fileinto and keep. Flags are kept as a
 * space-separated set, compared case-insensitively (RFC 5232 section 3).
 */
package dev.postern.sieve.imap4flags;
