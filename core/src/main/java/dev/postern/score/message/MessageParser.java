package dev.postern.score.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/** Parses message bytes into a {@link ScannedMessage} with mime4j, permissively: spam is often malformed. */
public final class MessageParser {

    /** Text read per part; beyond it spam gains nothing and a crafted part would cost memory and time. */
    public static final int PART_TEXT_CHARS_MAX = 512 * 1024;
    /** Nesting deeper than this is not mail, it is an attack on parsers (as rspamd's max_nesting). */
    public static final int NESTING_MAX = 32;

    /** RFC 5322 section 2.2.3: a line break followed by whitespace folds a field. */
    private static final Pattern FOLD = Pattern.compile("\r?\n(?=[ \t])");

    private MessageParser() {
    }

    public static ScannedMessage parse(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** Never fails on bad MIME: what cannot be understood is recorded in {@link ScannedMessage#mimeErrors()}. */
    public static ScannedMessage parse(byte[] raw) {
        List<String> errors = new ArrayList<>();
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(new DecodeMonitor() {
            @Override
            public boolean warn(String error, String dropDesc) {
                errors.add(error);
                return false;
            }

            @Override
            public boolean isListening() {
                return true;
            }
        });
        Message message;
        try {
            message = builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException | RuntimeException e) {
            errors.add("unparseable: " + e.getMessage());
            return new ScannedMessage(List.of(), List.of(), errors, raw);
        }
        try {
            List<Header> headers = headersOf(message);
            List<Part> parts = new ArrayList<>();
            collect(message, parts, errors, 0);
            return new ScannedMessage(headers, parts, errors, raw);
        } finally {
            message.dispose();
        }
    }

    private static List<Header> headersOf(Entity entity) {
        List<Header> headers = new ArrayList<>();
        if (entity.getHeader() != null) {
            for (Field field : entity.getHeader().getFields()) {
                headers.add(new Header(field.getName(), unfold(field.getBody())));
            }
        }
        return headers;
    }

    /** RFC 5322 section 2.2.3: unfolding removes each CRLF that precedes whitespace. */
    static String unfold(String value) {
        return value == null ? "" : FOLD.matcher(value).replaceAll("").trim();
    }

    private static void collect(Entity entity, List<Part> parts, List<String> errors, int depth) {
        if (depth > NESTING_MAX) {
            errors.add("MIME nesting deeper than " + NESTING_MAX);
            return;
        }
        Body body = entity.getBody();
        String mimeType = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
        if (body instanceof Multipart multipart) {
            ContentTypeField type = (ContentTypeField) entity.getHeader().getField("Content-Type");
            if (type == null || type.getBoundary() == null || type.getBoundary().isEmpty()) {
                errors.add("multipart without boundary");
            } else if (multipart.getBodyParts().isEmpty()) {
                errors.add("multipart without parts (boundary " + type.getBoundary() + " never found)");
            }
            for (Entity child : multipart.getBodyParts()) {
                collect(child, parts, errors, depth + 1);
            }
        } else if (body instanceof Message inner) {
            collect(inner, parts, errors, depth + 1);
        } else {
            declaredMultipart(entity).ifPresent(declared ->
                errors.add("multipart without boundary (" + declared + "), read as text/plain"));
            String text = body instanceof TextBody textBody ? read(textBody, errors) : "";
            parts.add(new Part(mimeType, filename(entity), text));
        }
    }

    /** The declared multipart type of an entity mime4j did not read as multipart (RFC 2046 section 5.1.1 requires a boundary). */
    private static Optional<String> declaredMultipart(Entity entity) {
        Field type = entity.getHeader() == null ? null : entity.getHeader().getField("Content-Type");
        if (type == null) {
            return Optional.empty();
        }
        String declared = type.getBody().trim().toLowerCase(Locale.ROOT);
        return declared.startsWith("multipart/") ? Optional.of(declared.split("[;\\s]")[0]) : Optional.empty();
    }

    private static Optional<String> filename(Entity entity) {
        String name = entity.getFilename();
        if ((name == null || name.isBlank()) && entity.getHeader() != null
            && entity.getHeader().getField("Content-Type") instanceof ContentTypeField type) {
            name = type.getParameter("name");
        }
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(decodeEncodedWords(name.trim()));
    }

    private static String read(TextBody body, List<String> errors) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try (Reader reader = body.getReader()) {
            int n;
            while (text.length() < PART_TEXT_CHARS_MAX && (n = reader.read(buffer)) > 0) {
                text.append(buffer, 0, Math.min(n, PART_TEXT_CHARS_MAX - text.length()));
            }
        } catch (IOException | RuntimeException e) {
            errors.add("undecodable text part: " + e.getMessage());
        }
        return text.toString();
    }

    /** Decodes RFC 2047 encoded words; on malformed input returns the text as it is. */
    public static String decodeEncodedWords(String text) {
        try {
            return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

}
