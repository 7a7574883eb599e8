package dev.postern.sieve.variables;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** RFC 5228 section 2.4.2.4 "encoded-character": ${hex:..} octets and ${unicode:..} code points. */
public final class EncodedCharacter {
    private EncodedCharacter() {
    }

    /** The decoded text, or null when {@code inner} is no valid encoding (then it stays literal). */
    public static String decode(String inner) {
        int colon = inner.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = inner.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String[] parts = inner.substring(colon + 1).trim().split("[ \\t\\r\\n]+");
        if (parts.length == 1 && parts[0].isEmpty()) {
            return null;
        }
        try {
            if (kind.equals("hex")) {
                byte[] bytes = new byte[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    if (parts[i].length() > 2) {
                        return null;
                    }
                    bytes[i] = (byte) Integer.parseInt(parts[i], 16);
                }
                return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            }
            if (kind.equals("unicode")) {
                StringBuilder b = new StringBuilder();
                for (String p : parts) {
                    int cp = Integer.parseInt(p, 16);
                    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        return null;
                    }
                    b.appendCodePoint(cp);
                }
                return b.toString();
            }
        } catch (NumberFormatException | CharacterCodingException e) {
            return null;
        }
        return null;
    }
}
