package dev.postern.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A raw RFC 5322 message split into its header fields, each kept exactly as written, and its
 * body. Bare LF line ends are read as CRLF, as if the message had come over SMTP (RFC 5321
 * section 2.3.8): DKIM canonicalization is defined on CRLF lines.
 */
final class Message {

    /** One header field: its name and the whole field as written, folds and final CRLF included. */
    record HeaderField(String name, String raw) {

        boolean hasName(String other) {
            return name.equalsIgnoreCase(other);
        }

        /** The text after the colon, folds and all, without the final CRLF. */
        String value() {
            int colon = raw.indexOf(':');
            String value = colon < 0 ? "" : raw.substring(colon + 1);
            return value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
        }
    }

    private final List<HeaderField> headers;
    /** The whole message with CRLF line ends; the body is data[bodyStart..]. */
    private final byte[] data;
    private final int bodyStart;
    private final Map<Canonicalization, byte[]> canonicalBodies = new EnumMap<>(Canonicalization.class);
    private final Map<Canonicalization, byte[]> bodyHashes = new EnumMap<>(Canonicalization.class);

    private Message(List<HeaderField> headers, byte[] data, int bodyStart) {
        this.headers = List.copyOf(headers);
        this.data = data;
        this.bodyStart = bodyStart;
    }

    /**
     * Splits the header fields off; the body is not copied (a message is one sign or verify
     * call's working copy: not shared between threads, never changed).
     */
    static Message parse(byte[] raw) {
        byte[] data = toCrlf(raw);
        int bodyStart = bodyStart(data);
        String text = new String(data, 0, Math.min(bodyStart, data.length), StandardCharsets.ISO_8859_1);
        List<HeaderField> headers = new ArrayList<>();
        int position = 0;
        StringBuilder current = null;
        while (position < text.length()) {
            int end = text.indexOf("\r\n", position);
            int next = end < 0 ? text.length() : end + 2;
            String line = text.substring(position, next);
            if (line.equals("\r\n")) {
                break; // the empty line separating header and body
            }
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (continuation && current != null) {
                current.append(line);
            } else {
                add(headers, current);
                current = new StringBuilder(line);
            }
            position = next;
        }
        add(headers, current);
        return new Message(headers, data, Math.min(bodyStart, data.length));
    }

    /** Where the body starts: after the first empty line (RFC 5322 section 2.1); the end without one. */
    private static int bodyStart(byte[] data) {
        if (data.length >= 2 && data[0] == '\r' && data[1] == '\n') {
            return 2;
        }
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i + 4;
            }
        }
        return data.length;
    }

    private static void add(List<HeaderField> headers, StringBuilder field) {
        if (field == null) {
            return;
        }
        String raw = field.toString();
        int colon = raw.indexOf(':');
        String name = TagList.trimWhitespace(colon < 0 ? raw : raw.substring(0, colon));
        headers.add(new HeaderField(name, raw));
    }

    /** Turns every LF not preceded by CR into CRLF; the same array when there is none. */
    static byte[] toCrlf(byte[] raw) {
        int bare = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                bare++;
            }
        }
        if (bare == 0) {
            return raw;
        }
        byte[] out = new byte[raw.length + bare];
        int o = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out[o++] = '\r';
            }
            out[o++] = raw[i];
        }
        return out;
    }

    /** Turns every LF not preceded by CR into CRLF. */
    static String toCrlf(String text) {
        return new String(toCrlf(text.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    List<HeaderField> headers() {
        return headers;
    }

    byte[] body() {
        return Arrays.copyOfRange(data, bodyStart, data.length);
    }

    /**
     * The canonicalized body, made once per algorithm: the rsa-sha256 and ed25519-sha256
     * signatures of one message share it.
     */
    byte[] canonicalBody(Canonicalization canonicalization) {
        return canonicalBodies.computeIfAbsent(canonicalization, c -> c.body(data, bodyStart, data.length));
    }

    /** SHA-256 of the whole canonicalized body (no l=), made once per algorithm. */
    byte[] bodyHash(Canonicalization canonicalization) {
        return bodyHashes.computeIfAbsent(canonicalization, c -> {
            byte[] body = canonicalBody(c);
            return SignedData.sha256(body, body.length);
        }).clone();
    }

    int count(String name) {
        return (int) headers.stream().filter(h -> h.hasName(name)).count();
    }

    List<String> distinctNamesLowercase() {
        return headers.stream().map(h -> h.name().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
