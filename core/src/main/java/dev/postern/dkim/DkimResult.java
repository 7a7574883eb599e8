package dev.postern.dkim;

/** The outcome of checking one DKIM signature, in the words of RFC 8601 section 2.7.1. */
public enum DkimResult {
    /** The signature verified: body hash and header signature match the published key. */
    PASS,
    /** The signature was checkable but did not verify (body or headers changed, wrong key, expired). */
    FAIL,
    /** The signature could not be processed for a reason that is not an error of the signer's (e.g. over our limit). */
    NEUTRAL,
    /** The signature verified or was checkable, but local policy does not accept it (e.g. l= left body unsigned). */
    POLICY,
    /** A transient problem, usually DNS: the same check may pass later. Never reported as FAIL. */
    TEMPERROR,
    /** The signature or key record is broken in a way that will not fix itself: syntax, revoked key, weak crypto. */
    PERMERROR,
    /** The message carries no DKIM signature. */
    NONE;

    /** The lowercase word used in Authentication-Results (RFC 8601). */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
