/**
 * DKIM keys of the local domains: a {@link dev.postern.dkim.keys.DkimKeyStore} keeps each
 * domain's selectors (algorithm, private key, public TXT record, state), and
 * {@link dev.postern.dkim.keys.DkimKeyManager} decides which sign, which are published, and how
 * a rotation goes (RFC 6376 section 3.6.1 for the record, M3AAWG "DKIM Key Rotation" for the
 * publish-switch-retire order).
 */
package dev.postern.dkim.keys;
