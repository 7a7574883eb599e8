/**
 * RFC 5229 Sieve "variables": the {@code set} command with its modifiers, the {@code string}
 * test, and the ${name} / ${N} expansion the engine applies to every string argument. Match
 * variables ${0}..${9} come from :matches and :regex (RFC 5229 section 3.2, draft-ietf-sieve-regex).
 */
package dev.postern.sieve.variables;
