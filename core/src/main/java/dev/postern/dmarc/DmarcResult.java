package dev.postern.dmarc;

import java.util.Locale;

/** The DMARC results registered for Authentication-Results (RFC 7489 section 11.2). */
public enum DmarcResult {
    /** No DMARC policy record for the From domain or its Organizational Domain. */
    NONE,
    /** SPF or DKIM authenticated an identifier aligned with the From domain (section 4.2). */
    PASS,
    /** A policy exists and no aligned identifier was authenticated. */
    FAIL,
    /** A DNS error kept the policy from being read; a later attempt may succeed. */
    TEMPERROR,
    /** The policy record is malformed or the From domain unusable; retrying will not help. */
    PERMERROR;

    /** The lowercase keyword used in Authentication-Results ("pass"). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
