package dev.postern.sieve;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The comparators of RFC 4790 that Sieve uses (RFC 5228 section 2.7.3). Each defines equality,
 * substring, wildcard matching and, for the relational extension (RFC 5231 section 4), ordering.
 */
public enum Comparator {
    /** RFC 4790 section 9.3: bytes as they are. */
    OCTET("i;octet"),
    /** RFC 4790 section 9.2: US-ASCII letters folded to lower case, then i;octet. The default. */
    ASCII_CASEMAP("i;ascii-casemap"),
    /** RFC 4790 section 9.1: the leading decimal digits as a number; no digits is positive infinity. */
    ASCII_NUMERIC("i;ascii-numeric");

    private final String id;

    Comparator(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Comparator byName(String name) {
        for (Comparator c : values()) {
            if (c.id.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    /** Numeric value per RFC 4790 section 9.1, or null for "positive infinity" (no leading digit). */
    private static BigInteger numeric(String s) {
        int end = 0;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        return end == 0 ? null : new BigInteger(s.substring(0, end));
    }

    public boolean isEqual(String value, String key) {
        return compare(value, key) == 0;
    }

    /** Substring match; RFC 4790 section 9.1 defines none for i;ascii-numeric. */
    public boolean contains(String value, String key) throws MatchException {
        return switch (this) {
            case OCTET -> value.contains(key);
            case ASCII_CASEMAP -> fold(value).contains(fold(key));
            case ASCII_NUMERIC -> throw new MatchException(
                "comparator i;ascii-numeric has no substring match; use :is, :value or :count");
        };
    }

    /** Ordering for :value (RFC 5231 section 4). */
    public int compare(String a, String b) {
        return switch (this) {
            case OCTET -> compareOctets(a, b);
            case ASCII_CASEMAP -> compareOctets(fold(a), fold(b));
            case ASCII_NUMERIC -> {
                BigInteger x = numeric(a);
                BigInteger y = numeric(b);
                if (x == null) {
                    yield y == null ? 0 : 1;
                }
                yield y == null ? -1 : x.compareTo(y);
            }
        };
    }

    private static int compareOctets(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }

    /** java.util.regex flags for :matches and :regex under this comparator. */
    public int patternFlags() throws MatchException {
        return switch (this) {
            case OCTET -> Pattern.DOTALL;
            case ASCII_CASEMAP -> Pattern.DOTALL | Pattern.CASE_INSENSITIVE;
            case ASCII_NUMERIC -> throw new MatchException(
                "comparator i;ascii-numeric has no wildcard or regex match; use :is, :value or :count");
        };
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
