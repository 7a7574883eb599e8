package dev.postern.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tag=value list (RFC 6376 section 3.2), the syntax of both the DKIM-Signature header field and
 * the key record. Tag names are case-sensitive; values keep their inner whitespace, with the
 * folding whitespace around them removed.
 */
public final class TagList {

    /** More tags than any DKIM-Signature or key record defines several times over: bounds work on junk input. */
    static final int MAX_TAGS = 64;

    private final Map<String, String> tags;

    private TagList(Map<String, String> tags) {
        this.tags = Collections.unmodifiableMap(tags);
    }

    /**
     * Parses {@code tag-list = tag-spec *( ";" tag-spec ) [ ";" ]} (RFC 6376 section 3.2).
     *
     * @param text the list, possibly folded (CRLF followed by whitespace)
     * @param what what the list is, named in error messages (e.g. "DKIM-Signature")
     * @throws DkimSyntaxException for a duplicate tag, a tag without "=", a bad tag name or value
     */
    public static TagList parse(String text, String what) {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int index = 0; index < specs.length; index++) {
            String spec = specs[index];
            if (isBlank(spec)) {
                if (index == specs.length - 1) {
                    break; // the optional trailing ";"
                }
                throw new DkimSyntaxException(what + ": empty tag between two ';' at tag "
                    + (index + 1) + "; remove the extra ';' (RFC 6376 section 3.2)");
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new DkimSyntaxException(what + ": '" + trimWhitespace(spec)
                    + "' has no '='; write every tag as name=value (RFC 6376 section 3.2)");
            }
            String name = trimWhitespace(spec.substring(0, equals));
            String value = trimWhitespace(spec.substring(equals + 1));
            checkName(name, what);
            checkValue(name, value, what);
            if (tags.containsKey(name)) {
                // RFC 6376 section 3.2: a duplicate tag makes the entire tag-list invalid.
                throw new DkimSyntaxException(what + ": tag " + name + "= appears twice; a tag may occur only once (RFC 6376 section 3.2)");
            }
            if (tags.size() == MAX_TAGS) {
                throw new DkimSyntaxException(what + ": more than " + MAX_TAGS + " tags");
            }
            tags.put(name, value);
        }
        return new TagList(tags);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    public boolean has(String name) {
        return tags.containsKey(name);
    }

    /** Tag names in the order they were written. */
    public List<String> names() {
        return List.copyOf(tags.keySet());
    }

    public Map<String, String> asMap() {
        return tags;
    }

    // tag-name = ALPHA *ALNUMPUNC; ALNUMPUNC = ALPHA / DIGIT / "_"
    private static void checkName(String name, String what) {
        boolean valid = !name.isEmpty() && isAlpha(name.charAt(0));
        for (int i = 1; valid && i < name.length(); i++) {
            char c = name.charAt(i);
            valid = isAlpha(c) || (c >= '0' && c <= '9') || c == '_';
        }
        if (!valid) {
            throw new DkimSyntaxException(what + ": '" + name
                + "' is not a tag name; a name is a letter followed by letters, digits or '_' (RFC 6376 section 3.2)");
        }
    }

    // tag-value = [ tval *( 1*(WSP / FWS) tval ) ]; tval = 1*VALCHAR; VALCHAR = %x21-3A / %x3C-7E.
    // Octets above 0x7E are let through for UTF-8 identities (RFC 8616 section 4).
    private static void checkValue(String name, String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean whitespace = c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (!whitespace && (c < 0x21 || c == 0x7F)) {
                throw new DkimSyntaxException(what + ": tag " + name + "= contains control character 0x"
                    + Integer.toHexString(c) + "; values are printable ASCII and whitespace (RFC 6376 section 3.2)");
            }
        }
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isBlank(String text) {
        return trimWhitespace(text).isEmpty();
    }

    /** Removes leading and trailing FWS: space, tab, CR and LF. */
    static String trimWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Removes every space, tab, CR and LF: base64 values may be folded anywhere (RFC 6376 section 3.5, b= and bh=). */
    static String removeWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    @Override
    public String toString() {
        return tags.toString();
    }
}
