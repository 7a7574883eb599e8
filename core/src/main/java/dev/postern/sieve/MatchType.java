package dev.postern.sieve;

/** Match types (RFC 5228 section 2.7.1) with their extensions. */
public enum MatchType {
    /** RFC 5228 2.7.1: the value equals the key. The default. */
    IS,
    /** RFC 5228 2.7.1: the key is a substring of the value. */
    CONTAINS,
    /** RFC 5228 2.7.1: wildcard match, "*" any sequence, "?" one character; sets ${1}.. (RFC 5229 3.2). */
    MATCHES,
    /** draft-ietf-sieve-regex-01 section 3: POSIX extended regex, unanchored; sets ${0}..${9}. */
    REGEX,
    /** RFC 5231 section 4.1: compares the number of values with the key. */
    COUNT,
    /** RFC 5231 section 4.2: orders each value against the key. */
    VALUE
}
