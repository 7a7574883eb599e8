package dev.postern.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Signs a message (RFC 6376 section 5): hashes the canonicalized body, picks the header fields,
 * signs, and returns the DKIM-Signature header field to put at the top of the message. The
 * message itself is not changed. Every signature sets t=; none sets l= (RFC 6376 section 8.2).
 *
 * <p>Use, e.g. from a mailet; instances are immutable and safe to share between threads:
 * <pre>{@code
 * SigningConfig rsa = SigningConfig.builder("example.com", "rsa2026", DkimKeys.readPrivateKey(pem)).build();
 * SigningConfig ed = SigningConfig.builder("example.com", "ed2026", edKey).build();
 * List<String> fields = new DkimSigner().signAll(rawMessage, List.of(rsa, ed));
 * byte[] signed = DkimSigner.prepend(fields, rawMessage);
 * }</pre>
 */
public final class DkimSigner {

    /** Folded lines stay within the 78 characters RFC 5322 section 2.1.1 recommends. */
    static final int LINE_LENGTH = 76;

    private final Clock clock;
    private final SignatureProviders providers;

    public DkimSigner() {
        this(Clock.systemUTC());
    }

    /** @param clock gives t= (and x=, from the configured expiry) */
    public DkimSigner(Clock clock) {
        this(clock, SignatureProviders.preferNative());
    }

    /**
     * @param clock gives t= (and x=, from the configured expiry)
     * @param providers computes the signatures, {@link SignatureProviders#preferNative()} by default
     */
    public DkimSigner(Clock clock, SignatureProviders providers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    /**
     * One DKIM-Signature header field for {@code message}, ending in CRLF, ready to prepend
     * byte for byte (with javax.mail: {@code addHeaderLine}, never a re-folding {@code setHeader}).
     *
     * @param message the raw RFC 5322 message, CRLF line ends (bare LF is read as CRLF)
     * @throws IllegalArgumentException when the message has no From header field
     * @throws IllegalStateException when the key cannot sign
     */
    public String sign(byte[] message, SigningConfig config) {
        return sign(Message.parse(message), config);
    }

    /** One signature per configuration, e.g. an rsa-sha256 and an ed25519-sha256 (RFC 8463 section 5), in order. */
    public List<String> signAll(byte[] message, List<SigningConfig> configs) {
        Message parsed = Message.parse(message);
        return configs.stream().map(config -> sign(parsed, config)).toList();
    }

    /** The message with the given header fields put in front of it. */
    public static byte[] prepend(List<String> fields, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
        fields.forEach(field -> out.writeBytes(field.getBytes(StandardCharsets.ISO_8859_1)));
        out.writeBytes(message);
        return out.toByteArray();
    }

    private String sign(Message message, SigningConfig config) {
        if (message.count("From") == 0) {
            throw new IllegalArgumentException("the message has no From header field; DKIM signs From and cannot sign without it (RFC 6376 section 5.4)");
        }
        // RFC 6376 section 3.7: body hash over the canonicalized body, whole (no l=).
        String bodyHash = Base64.getEncoder().encodeToString(message.bodyHash(config.bodyCanonicalization()));
        long now = clock.instant().getEpochSecond();
        List<String> signed = headersToSign(message, config);

        Folder folder = new Folder(DkimSignature.HEADER_NAME + ":");
        folder.token("v=1;", true);
        folder.token("a=" + config.algorithm().tagValue() + ";", true);
        folder.token("c=" + config.headerCanonicalization().tagValue() + "/" + config.bodyCanonicalization().tagValue() + ";", true);
        folder.token("d=" + config.domain() + ";", true);
        folder.token("s=" + config.selector() + ";", true);
        config.identity().ifPresent(identity -> folder.token("i=" + identity + ";", true));
        folder.token("t=" + now + ";", true);
        config.expiry().ifPresent(expiry -> folder.token("x=" + (now + expiry.getSeconds()) + ";", true));
        for (int i = 0; i < signed.size(); i++) {
            String name = signed.get(i) + (i == signed.size() - 1 ? ";" : ":");
            folder.token(i == 0 ? "h=" + name : name, i == 0);
        }
        folder.token("bh=" + bodyHash + ";", true);
        folder.token("b=", true);
        String unsigned = folder.text();

        byte[] headerData = SignedData.headerData(message, signed, config.headerCanonicalization(), unsigned);
        byte[] signature;
        try {
            signature = SignedData.sign(providers, config.algorithm(), config.privateKey(), headerData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the " + config.algorithm().tagValue() + " key for "
                + config.selector() + "._domainkey." + config.domain() + ": " + e.getMessage(), e);
        }
        String encoded = Base64.getEncoder().encodeToString(signature);
        // The b= value may be folded anywhere (RFC 6376 section 3.5); verifiers delete it whole.
        for (int start = 0; start < encoded.length(); ) {
            int room = Math.max(LINE_LENGTH - folder.lineLength(), 0);
            if (room < 8) {
                folder.newLine();
                room = LINE_LENGTH - folder.lineLength();
            }
            int end = Math.min(encoded.length(), start + room);
            folder.raw(encoded.substring(start, end));
            start = end;
        }
        return folder.text() + "\r\n";
    }

    /**
     * The h= list: each configured name present in the message, once per occurrence, and the
     * oversigned names once more (RFC 6376 section 8.15), present or not. Then every List-* field
     * present (RFC 6376 section 5.4.1 recommends signing them).
     */
    static List<String> headersToSign(Message message, SigningConfig config) {
        // One pass over the message: how often each name occurs (names compare case-insensitively).
        Map<String, Integer> counts = new HashMap<>();
        List<String> lists = new ArrayList<>();
        for (Message.HeaderField field : message.headers()) {
            String lower = field.name().toLowerCase(Locale.ROOT);
            if (counts.merge(lower, 1, Integer::sum) == 1 && lower.startsWith("list-")) {
                lists.add(field.name());
            }
        }
        Set<String> oversigned = new HashSet<>();
        config.oversign().forEach(name -> oversigned.add(name.toLowerCase(Locale.ROOT)));
        Map<String, String> names = new LinkedHashMap<>();
        config.headers().forEach(name -> names.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
        lists.forEach(name -> names.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
        List<String> signed = new ArrayList<>();
        names.forEach((lower, name) -> {
            int count = counts.getOrDefault(lower, 0) + (oversigned.contains(lower) ? 1 : 0);
            for (int i = 0; i < count; i++) {
                signed.add(name);
            }
        });
        return signed;
    }

    /** Builds a folded header field: tokens separated by spaces, a new line when a token does not fit. */
    private static final class Folder {
        private final StringBuilder text = new StringBuilder();
        private int lineStart;

        Folder(String start) {
            text.append(start);
        }

        void token(String token, boolean spaceBefore) {
            if (lineLength() + 1 + token.length() > LINE_LENGTH && lineLength() > 1) {
                newLine();
            } else if (spaceBefore) {
                text.append(' ');
            }
            text.append(token);
        }

        void raw(String chunk) {
            text.append(chunk);
        }

        void newLine() {
            text.append("\r\n ");
            lineStart = text.length() - 1;
        }

        int lineLength() {
            return text.length() - lineStart;
        }

        String text() {
            return text.toString();
        }
    }
}
