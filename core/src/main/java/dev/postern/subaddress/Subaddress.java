package dev.postern.subaddress;

import java.util.Objects;

/**
 * A local part split at its subaddress delimiter (RFC 5233 section 4): {@code user} is the
 * mailbox owner, {@code detail} what followed the delimiter. The detail may be empty
 * ("user+@example.org" has the empty detail, which RFC 5233 section 4 distinguishes from none).
 */
public record Subaddress(String user, char delimiter, String detail) {

    public Subaddress {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(detail, "detail");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("subaddress: the user part before '" + delimiter + "' is empty");
        }
    }

    /** The local part as written: user, delimiter, detail. */
    public String localPart() {
        return user + delimiter + detail;
    }
}
