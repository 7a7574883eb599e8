package dev.postern.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A macro-string of RFC 7208 section 7: literal text with {@code %{letter transformers
 * delimiters}} expansions, {@code %%}, {@code %_} and {@code %-}. Parsed once, expanded per
 * check with a {@link Context}.
 */
public final class MacroString {

    /** Letters allowed everywhere (RFC 7208 section 7.2). */
    private static final String LETTERS = "slodiphv";
    /** Letters allowed only in explanation strings (RFC 7208 section 7.2: "c", "r" and "t"). */
    private static final String EXPLANATION_ONLY_LETTERS = "crt";
    /** Delimiter characters (RFC 7208 section 7.1, "delimiter"). */
    private static final String DELIMITERS = ".-+,/_=";
    /**
     * Most parts a DIGIT transformer may ask for: a name has at most 127 labels, so a larger
     * number keeps all of them (RFC 7208 section 7.3), and we need not parse huge numbers.
     */
    private static final int DIGITS_MAX = 128;

    private final String text;
    private final List<Part> parts;

    private MacroString(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** The values the macro letters stand for (RFC 7208 section 7.2). */
    public record Context(String sender, String localPart, String senderDomain, String domain, InetAddress ip,
                          String helo, String receiver, long timestamp, Supplier<String> validatedDomain) {

        public Context withDomain(String newDomain) {
            return new Context(sender, localPart, senderDomain, newDomain, ip, helo, receiver, timestamp, validatedDomain);
        }
    }

    private sealed interface Part permits Literal, Expand {
    }

    private record Literal(String text) implements Part {
    }

    private record Expand(char letter, boolean urlEscape, int digits, boolean reverse, String delimiters) implements Part {
    }

    /** A macro-string as in a mechanism or modifier (RFC 7208 section 7.1, "macro-string"). */
    public static MacroString parse(String text) throws SpfException {
        return parse(text, false);
    }

    /**
     * An explain-string (RFC 7208 section 6.2 and 7.1): spaces allowed, and the explanation-only
     * letters c, r and t.
     */
    public static MacroString parseExplanation(String text) throws SpfException {
        return parse(text, true);
    }

    private static MacroString parse(String text, boolean explanation) throws SpfException {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                // macro-literal = %x21-24 / %x26-7E; an explain-string also allows SP.
                if ((c < 0x21 || c > 0x7e) && !(explanation && c == ' ')) {
                    throw SpfException.permerror("spf: character 0x" + Integer.toHexString(c)
                        + " not allowed in '" + text + "' (RFC 7208 section 7.1: visible ASCII only)");
                }
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw badMacro(text, "a lone '%' at the end; write %% for a percent sign");
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> literal.append('%');
                case '_' -> literal.append(' ');
                case '-' -> literal.append("%20");
                case '{' -> {
                    int close = text.indexOf('}', i + 2);
                    if (close < 0) {
                        throw badMacro(text, "'%{' without its closing '}'");
                    }
                    if (literal.length() > 0) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(parseExpand(text, text.substring(i + 2, close), explanation));
                    i = close + 1;
                    continue;
                }
                default -> throw badMacro(text, "'%" + next + "'; after % write {, %, _ or -");
            }
            i += 2;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new MacroString(text, List.copyOf(parts));
    }

    private static Expand parseExpand(String text, String body, boolean explanation) throws SpfException {
        if (body.isEmpty()) {
            throw badMacro(text, "'%{}' names no macro letter");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        if (LETTERS.indexOf(lower) < 0 && EXPLANATION_ONLY_LETTERS.indexOf(lower) < 0) {
            throw badMacro(text, "unknown macro letter '" + letter + "'; letters are s l o d i p h v, and c r t in exp");
        }
        if (!explanation && EXPLANATION_ONLY_LETTERS.indexOf(lower) >= 0) {
            throw badMacro(text, "'%{" + letter + "}' is allowed only in exp= explanations (RFC 7208 section 7.2)");
        }
        int i = 1;
        int digits = 0;
        int start = i;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            if (digits <= DIGITS_MAX) {
                digits = digits * 10 + (body.charAt(i) - '0');
            }
            i++;
        }
        if (i > start && digits == 0) {
            // RFC 7208 section 7.3: "If a DIGIT is specified, the value MUST be nonzero."
            throw badMacro(text, "the digit transformer must not be 0");
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw badMacro(text, "'" + d + "' is not a delimiter; delimiters are " + DELIMITERS);
            }
        }
        return new Expand(lower, Character.isUpperCase(letter), Math.min(digits, DIGITS_MAX), reverse,
            delimiters.isEmpty() ? "." : delimiters);
    }

    private static SpfException badMacro(String text, String problem) {
        return SpfException.permerror("spf: bad macro in '" + text + "': " + problem + " (RFC 7208 section 7)");
    }

    /** True when there is nothing to expand. */
    public boolean isLiteral() {
        return parts.stream().allMatch(part -> part instanceof Literal);
    }

    /** True when the string ends with a %{...} expansion (RFC 7208 section 7.1, "domain-end"). */
    boolean endsWithExpansion() {
        return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof Expand;
    }

    /** RFC 7208 section 7.3. */
    public String expand(Context context) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text);
            } else {
                out.append(expand((Expand) part, context));
            }
        }
        return out.toString();
    }

    private static String expand(Expand expand, Context context) {
        String value = value(expand.letter, context);
        List<String> pieces = split(value, expand.delimiters);
        if (expand.reverse) {
            Collections.reverse(pieces);
        }
        if (expand.digits > 0 && expand.digits < pieces.size()) {
            pieces = pieces.subList(pieces.size() - expand.digits, pieces.size());
        }
        String joined = String.join(".", pieces);
        // "Uppercase macros expand exactly as their lowercase equivalents, and are then URL escaped."
        return expand.urlEscape ? urlEscape(joined) : joined;
    }

    private static String value(char letter, Context context) {
        return switch (letter) {
            case 's' -> context.sender();
            case 'l' -> context.localPart();
            case 'o' -> context.senderDomain();
            case 'd' -> context.domain();
            case 'i' -> dotFormat(context.ip());
            case 'p' -> context.validatedDomain().get();
            case 'v' -> context.ip() instanceof Inet6Address ? "ip6" : "in-addr";
            case 'h' -> context.helo();
            case 'c' -> readable(context.ip());
            case 'r' -> context.receiver();
            case 't' -> Long.toString(context.timestamp());
            default -> throw new IllegalStateException("letter checked at parse time: " + letter);
        };
    }

    private static List<String> split(String value, String delimiters) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                pieces.add(value.substring(start, i));
                start = i + 1;
            }
        }
        pieces.add(value.substring(start));
        return pieces;
    }

    /** "i": dotted quad for IPv4, dot-separated nibbles for IPv6 (RFC 7208 section 7.3). */
    static String dotFormat(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder out = new StringBuilder();
        for (byte b : ip.getAddress()) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.').append(Character.forDigit(b & 0xf, 16)).append('.');
        }
        return out.substring(0, out.length() - 1);
    }

    /** "c": the address as people write it; IPv6 in the RFC 5952 section 4 form ("2001:db8::1"). */
    public static String readable(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        byte[] bytes = ip.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups, the first if tied, becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Percent-encodes all but RFC 3986 "unreserved", with uppercase hex digits (RFC 3986 section 2.1). */
    static String urlEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
