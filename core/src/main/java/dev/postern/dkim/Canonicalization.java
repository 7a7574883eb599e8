package dev.postern.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two canonicalization algorithms of RFC 6376 section 3.4, for header fields and for the body.
 * Text is handled as ISO-8859-1 strings, one char per octet, so that any octet survives unchanged.
 */
public enum Canonicalization {
    /** Tolerates almost no change (RFC 6376 sections 3.4.1 and 3.4.3). */
    SIMPLE("simple"),
    /** Tolerates whitespace changes and header-name case (RFC 6376 sections 3.4.2 and 3.4.4). */
    RELAXED("relaxed");

    private static final String CRLF = "\r\n";

    private final String tagValue;

    Canonicalization(String tagValue) {
        this.tagValue = tagValue;
    }

    public String tagValue() {
        return tagValue;
    }

    public static Optional<Canonicalization> fromTag(String value) {
        for (Canonicalization c : values()) {
            if (c.tagValue.equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * One header field, canonicalized and ending in CRLF.
     *
     * @param field the field as it appears in the message: name, colon, value, folds, final CRLF
     */
    public String header(String field) {
        if (this == SIMPLE) {
            // RFC 6376 section 3.4.1: no change at all.
            return field.endsWith(CRLF) ? field : field + CRLF;
        }
        // RFC 6376 section 3.4.2.
        int colon = field.indexOf(':');
        String name = colon < 0 ? field : field.substring(0, colon);
        String value = colon < 0 ? "" : field.substring(colon + 1);
        // Lowercase the name; delete whitespace before the colon.
        name = TagList.trimWhitespace(name).toLowerCase(Locale.ROOT);
        return name + ":" + relaxValue(value) + CRLF;
    }

    /** Unfold, reduce each run of WSP to one SP, delete WSP at the ends (RFC 6376 section 3.4.2). */
    private static String relaxValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                continue; // unfolding: CRLF inside a field is always followed by WSP
            }
            if (c == ' ' || c == '\t') {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(c);
        }
        return out.toString();
    }

    /** The canonicalized body (RFC 6376 sections 3.4.3 and 3.4.4). */
    public byte[] body(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split(CRLF, -1)));
        // The piece after the last CRLF is empty when the body ends in CRLF; otherwise it is a
        // last line without its CRLF, which both algorithms complete.
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (this == RELAXED) {
            lines.replaceAll(Canonicalization::relaxLine);
        }
        // Both: ignore all empty lines at the end of the body.
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            // Simple: an empty body is a single CRLF (RFC 6376 section 3.4.3). Relaxed: nothing is
            // added (section 3.4.4 adds no CRLF), so an empty body hashes as zero octets.
            return this == SIMPLE ? CRLF.getBytes(StandardCharsets.ISO_8859_1) : new byte[0];
        }
        StringBuilder out = new StringBuilder(text.length() + 2);
        for (String line : lines) {
            out.append(line).append(CRLF);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Delete WSP at the end of the line, reduce inner runs of WSP to one SP (RFC 6376 section 3.4.4). */
    private static String relaxLine(String line) {
        StringBuilder out = new StringBuilder(line.length());
        boolean pendingSpace = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
            }
            pendingSpace = false;
            out.append(c);
        }
        return out.toString();
    }
}
