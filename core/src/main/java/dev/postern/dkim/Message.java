package dev.postern.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
    private final byte[] body;

    private Message(List<HeaderField> headers, byte[] body) {
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    static Message parse(byte[] raw) {
        String text = toCrlf(new String(raw, StandardCharsets.ISO_8859_1));
        List<HeaderField> headers = new ArrayList<>();
        int position = 0;
        StringBuilder current = null;
        while (position < text.length()) {
            int end = text.indexOf("\r\n", position);
            int next = end < 0 ? text.length() : end + 2;
            String line = text.substring(position, next);
            if (line.equals("\r\n")) {
                position = next; // the empty line separating header and body
                break;
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
        byte[] body = text.substring(Math.min(position, text.length())).getBytes(StandardCharsets.ISO_8859_1);
        return new Message(headers, body);
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

    /** Turns every LF not preceded by CR into CRLF. */
    static String toCrlf(String text) {
        if (!text.contains("\n")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r')) {
                out.append('\r');
            }
            out.append(c);
        }
        return out.toString();
    }

    List<HeaderField> headers() {
        return headers;
    }

    byte[] body() {
        return body.clone();
    }

    int count(String name) {
        return (int) headers.stream().filter(h -> h.hasName(name)).count();
    }

    List<String> distinctNamesLowercase() {
        return headers.stream().map(h -> h.name().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
