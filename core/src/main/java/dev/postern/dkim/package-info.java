/**
 * DKIM (RFC 6376), with Ed25519 (RFC 8463) and the RFC 8301 crypto rules: a domain signs a
 * message's body and chosen header fields, and receivers check the signature against a public
 * key the domain publishes in DNS. Steps: tag-list parse, canonicalize, sign, verify.
 */
package dev.postern.dkim;
