package dev.postern.inbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads named fields from the header of a raw message (RFC 5322 section 2.2), unfolded. */
final class HeaderFields {

    private HeaderFields() {
    }

    /** The values of every field called {@code name} (case-insensitive), in order, unfolded. */
    static List<String> values(byte[] message, String name) {
        String text = new String(message, StandardCharsets.UTF_8);
        int end = headerEnd(text);
        List<String> values = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.substring(0, end).split("\r?\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current != null) {
                    current.append(line);
                }
                continue;
            }
            if (current != null) {
                values.add(current.toString().strip());
                current = null;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                current = new StringBuilder(line.substring(colon + 1));
            }
        }
        if (current != null) {
            values.add(current.toString().strip());
        }
        return values;
    }

    private static int headerEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf < 0 && lf < 0) {
            return text.length();
        }
        if (crlf < 0) {
            return lf;
        }
        return lf < 0 ? crlf : Math.min(crlf, lf);
    }
}
