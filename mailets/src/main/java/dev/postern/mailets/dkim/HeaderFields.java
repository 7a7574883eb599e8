package dev.postern.mailets.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/**
 * Raw access to a message for signing and verifying: the exact bytes, and header fields put on
 * top byte for byte. javax.mail's {@code setHeader}/{@code addHeader} would re-fold or reorder;
 * here every existing line is kept as it was read, the body is never touched.
 */
final class HeaderFields {

    private HeaderFields() {
    }

    /** The message as it would be sent: {@code writeTo}, which keeps the body as received. */
    static byte[] rawBytes(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("cannot read the message: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Puts {@code fields} (each a whole header field, possibly folded, CRLF at the end or not)
     * above every existing field, and drops the existing fields {@code drop} matches.
     *
     * @param drop receives each existing field's whole line, e.g. "Authentication-Results: ..."
     */
    static void prepend(MimeMessage message, List<String> fields, Predicate<String> drop) throws MessagingException {
        List<String> existing = Collections.list(message.getAllHeaderLines());
        Set<String> names = new LinkedHashSet<>();
        for (String line : existing) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                names.add(line.substring(0, colon).trim());
            }
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        List<String> lines = new ArrayList<>();
        fields.forEach(field -> lines.add(field.endsWith("\r\n") ? field.substring(0, field.length() - 2) : field));
        existing.stream().filter(drop.negate()).forEach(lines::add);
        for (String line : lines) {
            message.addHeaderLine(line);
        }
    }
}
