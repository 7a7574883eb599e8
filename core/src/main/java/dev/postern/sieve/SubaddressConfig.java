package dev.postern.sieve;

/**
 * RFC 5233 section 4: how a local part splits into user and detail. The separator set is a site
 * choice; "+" is the common one (Dovecot's default recipient_delimiter).
 *
 * @param separators characters any of which separates user from detail; the first occurrence wins
 */
public record SubaddressConfig(String separators) {

    public static final SubaddressConfig DEFAULT = new SubaddressConfig("+");

    public SubaddressConfig {
        if (separators == null || separators.isEmpty()) {
            throw new IllegalArgumentException(
                "sieve: subaddress separators must not be empty; use \"+\" for user+detail@domain");
        }
    }

    /** Index of the separator in the local part, or -1 when there is no detail. */
    public int separatorIndex(String localPart) {
        for (int i = 0; i < localPart.length(); i++) {
            if (separators.indexOf(localPart.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
