package dev.postern.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        return body(body, 0, body.length);
    }

    /**
     * The canonicalized body of {@code data[from..to)}, in one pass over the octets. A last line
     * without CRLF is completed by both algorithms; empty lines at the end are ignored by both
     * (counted, and written only when a line with content follows).
     */
    byte[] body(byte[] data, int from, int to) {
        // Each empty line held back consumed at least its CRLF, so the output never outgrows
        // the input by more than the CRLF that completes a last line.
        byte[] out = new byte[to - from + 2];
        boolean relaxed = this == RELAXED;
        int length = 0;            // octets final so far: up to the last line with content
        int pendingEmptyLines = 0;
        int lineStart = 0;         // where the current line's content starts in out
        int at = 0;
        boolean pendingSpace = false;
        for (int i = from; i < to; i++) {
            byte c = data[i];
            if (c == '\r' && i + 1 < to && data[i + 1] == '\n') {
                i++;
                if (at == lineStart) {
                    pendingEmptyLines++;
                } else {
                    length = endLine(out, length, lineStart, at);
                    pendingEmptyLines = 0;
                }
                lineStart = length + 2 * pendingEmptyLines;
                at = lineStart;
                pendingSpace = false;
            } else if (relaxed && (c == ' ' || c == '\t')) {
                pendingSpace = true; // RFC 6376 section 3.4.4: runs of WSP become one SP, none at the end
            } else {
                if (pendingSpace) {
                    out[at++] = ' ';
                    pendingSpace = false;
                }
                out[at++] = c;
            }
        }
        if (at != lineStart) {
            length = endLine(out, length, lineStart, at);
        }
        if (length == 0) {
            // Simple: an empty body is a single CRLF (RFC 6376 section 3.4.3). Relaxed: nothing is
            // added (section 3.4.4 adds no CRLF), so an empty body hashes as zero octets.
            return this == SIMPLE ? CRLF.getBytes(StandardCharsets.ISO_8859_1) : new byte[0];
        }
        return Arrays.copyOf(out, length);
    }

    /** Writes the empty lines held back before a line with content, and its CRLF; returns the new length. */
    private static int endLine(byte[] out, int length, int lineStart, int at) {
        for (int i = length; i < lineStart; i += 2) {
            out[i] = '\r';
            out[i + 1] = '\n';
        }
        out[at] = '\r';
        out[at + 1] = '\n';
        return at + 2;
    }
}
