package dev.postern.dmarc;

import java.util.Locale;

/** Identifier alignment modes (RFC 7489 section 3.1, "adkim" and "aspf"). */
public enum Alignment {
    /** The two domains have the same Organizational Domain (section 3.1.1, 3.1.2). */
    RELAXED,
    /** The two domains are the same (section 3.1.1, 3.1.2). */
    STRICT;

    /** "r" or "s". */
    public String keyword() {
        return this == RELAXED ? "r" : "s";
    }

    /**
     * Whether an authenticated domain aligns with the From domain in this mode. Comparison is
     * case-insensitive, and a trailing dot does not count.
     */
    public boolean aligns(String authenticatedDomain, String fromDomain, PublicSuffixList suffixes) {
        String authenticated = normal(authenticatedDomain);
        String from = normal(fromDomain);
        if (authenticated.isEmpty() || from.isEmpty()) {
            return false;
        }
        if (authenticated.equals(from)) {
            return true;
        }
        return this == RELAXED
            && suffixes.organizationalDomain(authenticated).equals(suffixes.organizationalDomain(from));
    }

    static String normal(String domain) {
        String lower = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
