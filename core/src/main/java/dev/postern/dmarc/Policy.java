package dev.postern.dmarc;

import java.util.Locale;
import java.util.Optional;

/** What the domain owner asks receivers to do with failing mail (RFC 7489 section 6.3, "p"). */
public enum Policy {
    /** Deliver as usual; the owner only wants reports. */
    NONE,
    /** Treat as suspicious: spam folder, extra scrutiny. */
    QUARANTINE,
    /** Refuse during the SMTP transaction. */
    REJECT;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads "none", "quarantine" or "reject", case-insensitively. */
    public static Optional<Policy> fromKeyword(String keyword) {
        return switch (keyword.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "quarantine" -> Optional.of(QUARANTINE);
            case "reject" -> Optional.of(REJECT);
            default -> Optional.empty();
        };
    }

    /** The policy applied to failing mail left out by pct sampling (RFC 7489 section 6.3, "pct"). */
    public Policy nextLower() {
        return switch (this) {
            case REJECT -> QUARANTINE;
            case QUARANTINE, NONE -> NONE;
        };
    }
}
