package dev.postern.subaddress;

import java.util.Optional;

/**
 * How local parts carry a detail: the set of delimiter characters, as Postfix's
 * {@code recipient_delimiter} ("+" by default; "+-" accepts both).
 * The first delimiter character in the local part splits it, as in Postfix and Dovecot.
 */
public final class Subaddressing {

    public static final String DEFAULT_DELIMITERS = "+";

    private final String delimiters;

    private Subaddressing(String delimiters) {
        this.delimiters = delimiters;
    }

    /**
     * @param delimiters one or more characters, each of which separates user from detail
     * @throws IllegalArgumentException when empty or when it contains '@', a space or a control character
     */
    public static Subaddressing withDelimiters(String delimiters) {
        if (delimiters == null || delimiters.isEmpty()) {
            throw new IllegalArgumentException("subaddress delimiters: give at least one character, e.g. \"+\"");
        }
        for (char c : delimiters.toCharArray()) {
            if (c == '@' || c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("subaddress delimiters: '" + printable(c)
                    + "' cannot separate a detail; use characters such as '+' or '-'");
            }
        }
        return new Subaddressing(delimiters);
    }

    public static Subaddressing defaults() {
        return new Subaddressing(DEFAULT_DELIMITERS);
    }

    public String delimiters() {
        return delimiters;
    }

    /**
     * Splits a local part at its first delimiter. Empty when the local part has no delimiter,
     * or when nothing precedes it ("+tag" names no user, so it is an ordinary local part).
     */
    public Optional<Subaddress> split(String localPart) {
        for (int i = 0; i < localPart.length(); i++) {
            if (delimiters.indexOf(localPart.charAt(i)) >= 0) {
                if (i == 0) {
                    return Optional.empty();
                }
                return Optional.of(new Subaddress(localPart.substring(0, i), localPart.charAt(i), localPart.substring(i + 1)));
            }
        }
        return Optional.empty();
    }

    private static String printable(char c) {
        return c < ' ' || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    @Override
    public String toString() {
        return "Subaddressing[delimiters=" + delimiters + "]";
    }
}
