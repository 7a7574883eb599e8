package dev.postern.sieve.variables;

import java.nio.charset.StandardCharsets;

import dev.postern.sieve.SieveRunContext;

/** RFC 5229 section 3: expansion of variable references in a string. */
public final class Variables {

    /** RFC 5229 section 6: a variable value may be cut to an implementation limit; ours, in chars. */
    public static final int VALUE_LENGTH_MAX = 4000;

    private Variables() {
    }

    /** RFC 5229 section 3 "identifier": (ALPHA / "_") *(ALPHA / DIGIT / "_"). */
    public static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(isAlpha(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAlpha(c) || isDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces ${identifier} and ${number} (unknown ones by ""). A "${" that does not start a
     * valid reference stays as it is (RFC 5229 section 3: "is not a variable reference"). The
     * inserted values are not expanded again. (${hex:..} and ${unicode:..} of RFC 5228 section
     * 2.4.2.4 are decoded earlier, when the script is parsed.)
     */
    public static String expand(String value, SieveRunContext ctx) {
        int start = value.indexOf("${");
        if (start < 0) {
            return value;
        }
        if (!ctx.isRequired("variables")) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (true) {
            start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                out.append(value, start, value.length());
                break;
            }
            String inner = value.substring(start + 2, end);
            String replacement = null;
            if (isNumber(inner)) {
                String digits = inner.replaceFirst("^0+(?=.)", "");
                replacement = digits.length() > 4 ? "" : ctx.matchVariable(Integer.parseInt(digits));
            } else if (isIdentifier(inner)) {
                replacement = ctx.variable(inner);
            }
            if (replacement == null) {
                out.append("${");
                i = start + 2;
            } else {
                out.append(replacement);
                i = end + 1;
            }
        }
        return out.toString();
    }

    /** RFC 5229 section 4.1 ":quotewildcard": "*", "?" and "\" get a "\" before them. */
    public static String quoteWildcard(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** draft-ietf-sieve-regex-01 section 5 ":quoteregex": regex specials get a "\" before them. */
    public static String quoteRegex(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\^$.[]|()?*+{}".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** RFC 5435 section 7 ":encodeurl": percent-encodes UTF-8 octets except RFC 3986 unreserved. */
    public static String encodeUrl(String s) {
        StringBuilder b = new StringBuilder(s.length() * 3);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
