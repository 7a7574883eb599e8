package dev.postern.score.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.postern.score.ScanContext;
import dev.postern.score.message.Header;
import dev.postern.score.message.ScannedMessage;

/**
 * What identifies one message of one transaction, so that recording it twice (the client retries
 * after a 451, the message is scanned again) counts once: a SHA-256 digest of the envelope, the
 * header fields the sender wrote and the body. Trace fields that receiving servers add, with
 * their times (Received, RFC 5321 section 4.4), are left out; so are the X-Spam fields a scan adds.
 * The same message sent to other recipients in another transaction is another message.
 */
final class MessageKey {

    /** Fields added on the way in, different at each attempt. */
    private static final Set<String> TRACE_FIELDS = Set.of("received", "return-path", "authentication-results",
        "received-spf", "x-original-to", "delivered-to");
    /** 128 bits of the digest: no collision among the messages of a window. */
    private static final int HEX_LENGTH = 32;

    private MessageKey() {
    }

    static String of(ScannedMessage message, ScanContext context) {
        MessageDigest sha = sha256();
        update(sha, context.envelopeSender().toLowerCase(Locale.ROOT));
        TreeSet<String> recipients = new TreeSet<>();
        context.recipients().forEach(r -> recipients.add(r.toLowerCase(Locale.ROOT)));
        update(sha, String.join(",", recipients));
        for (Header header : message.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!TRACE_FIELDS.contains(name) && !name.startsWith("x-spam-") && !name.startsWith("arc-")) {
                update(sha, name + ":" + header.value());
            }
        }
        byte[] raw = message.raw();
        int body = bodyStart(raw);
        sha.update(raw, body, raw.length - body);
        return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_LENGTH);
    }

    /** The offset after the first empty line (RFC 5322 section 2.1), or the end when there is none. */
    static int bodyStart(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return i + 2;
            }
            if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
                return i + 3;
            }
        }
        return raw.length;
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
