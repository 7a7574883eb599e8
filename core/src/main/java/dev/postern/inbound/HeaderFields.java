package dev.postern.inbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads named fields from the header of a raw message (RFC 5322 section 2.2), unfolded. */
final class HeaderFields {

    private static final Pattern LINE_END = Pattern.compile("\r?\n");

    private HeaderFields() {
    }

    /** The values of every field called {@code name} (case-insensitive), in order, unfolded. */
    static List<String> values(byte[] message, String name) {
        // Only the header is decoded: the body can be megabytes and is never looked at.
        String text = new String(message, 0, headerEnd(message), StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>();
        StringBuilder current = null;
        for (String line : LINE_END.split(text)) {
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

    /** Where the header ends: the first empty line (CRLF CRLF or LF LF), else the end of the message. */
    private static int headerEnd(byte[] message) {
        for (int i = 0; i + 1 < message.length; i++) {
            if (message[i] == '\n' && message[i + 1] == '\n') {
                return i;
            }
            if (message[i] == '\r' && i + 3 < message.length && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i;
            }
        }
        return message.length;
    }
}
