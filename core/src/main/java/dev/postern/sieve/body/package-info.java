/**
 * RFC 5173 Sieve "body": the body test with its :raw, :content and :text transforms, over a small
 * MIME reader (RFC 2045, RFC 2046) so that the engine needs no mail library. Replaces jSieve's
 * body test, which knows :contains only.
 */
package dev.postern.sieve.body;
