package dev.postern.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the test vectors under src/test/resources/dkim/. */
final class Vectors {

    private Vectors() {
    }

    static String text(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/dkim/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test vector /dkim/" + name + " is missing from src/test/resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message file, LF line ends turned into CRLF. */
    static byte[] message(String name) {
        return Message.toCrlf(text(name)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * RFC 6376's notation: literal whitespace is layout only; {@code <SP>}, {@code <HTAB>} and
     * {@code <CRLF>} and {@code <CR>} (a CR alone) are the characters.
     */
    static String notation(String text) {
        return text.replaceAll("[ \t\r\n]", "").replace("<SP>", " ").replace("<HTAB>", "\t").replace("<CRLF>", "\r\n").replace("<CR>", "\r");
    }

    /** Sections "[name]" followed by their lines; "#" lines are comments. */
    static Map<String, String> sections(String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder content = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                if (current != null) {
                    sections.put(current, content.toString());
                }
                current = line.substring(1, line.length() - 1);
                content.setLength(0);
            } else {
                content.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, content.toString());
        }
        return sections;
    }

    /** Lines of the form "a | b | c", comments and blank lines skipped, fields trimmed. */
    static List<String[]> table(String name) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text(name).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\|", -1);
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].strip();
            }
            rows.add(fields);
        }
        return rows;
    }
}
