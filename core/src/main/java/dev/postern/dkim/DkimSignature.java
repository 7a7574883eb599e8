package dev.postern.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed DKIM-Signature header field (RFC 6376 section 3.5).
 *
 * @param version v=, always 1
 * @param algorithm a=
 * @param signature b=, decoded
 * @param bodyHash bh=, decoded
 * @param headerCanonicalization first half of c= (default simple)
 * @param bodyCanonicalization second half of c= (default simple)
 * @param domain d=, the signing domain, lowercased
 * @param signedHeaders h=, the header field names in order, as written
 * @param identity i=, decoded from dkim-quoted-printable; "@" + d when absent
 * @param bodyLength l=, octets of canonicalized body covered, when present
 * @param queryMethods q=, default "dns/txt"
 * @param selector s=
 * @param timestamp t=, seconds since the epoch, when present
 * @param expiration x=, seconds since the epoch, when present
 * @param copiedHeaders z=, as written, when present
 * @param tags every tag as written, for the unknown ones (RFC 6376 section 3.2: ignored)
 */
public record DkimSignature(
    int version,
    SigningAlgorithm algorithm,
    byte[] signature,
    byte[] bodyHash,
    Canonicalization headerCanonicalization,
    Canonicalization bodyCanonicalization,
    String domain,
    List<String> signedHeaders,
    String identity,
    OptionalLong bodyLength,
    List<String> queryMethods,
    String selector,
    OptionalLong timestamp,
    OptionalLong expiration,
    Optional<String> copiedHeaders,
    TagList tags) {

    /** The header field name. */
    public static final String HEADER_NAME = "DKIM-Signature";

    /** Tags a signature must carry (RFC 6376 section 3.5: "REQUIRED"). */
    static final List<String> REQUIRED_TAGS = List.of("v", "a", "b", "bh", "d", "h", "s");

    /** l= is "1*76DIGIT" (RFC 6376 section 3.5) but a body longer than a long holds is not a message. */
    static final int MAX_NUMBER_DIGITS = 18;

    public DkimSignature {
        signedHeaders = List.copyOf(signedHeaders);
        queryMethods = List.copyOf(queryMethods);
    }

    /** The part of i= after the "@", lowercased. */
    public String identityDomain() {
        int at = identity.lastIndexOf('@');
        return identity.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The DNS name of the key record: selector._domainkey.domain (RFC 6376 section 3.6.2.1). */
    public String keyName() {
        return selector + "._domainkey." + domain;
    }

    /**
     * Parses the value of a DKIM-Signature header field (the text after the colon).
     *
     * @throws DkimSyntaxException saying which tag is missing or wrong
     */
    public static DkimSignature parse(String value) {
        TagList tags = TagList.parse(value, HEADER_NAME);
        for (String required : REQUIRED_TAGS) {
            if (!tags.has(required)) {
                throw invalid("required tag " + required + "= is missing; a signature needs v, a, b, bh, d, h and s (RFC 6376 section 3.5)");
            }
        }
        String versionText = tags.get("v").orElseThrow();
        if (!versionText.equals("1")) {
            throw invalid("v=" + versionText + " is not a version this verifier knows; only v=1 exists (RFC 6376 section 3.5)");
        }
        String algorithmText = tags.get("a").orElseThrow();
        SigningAlgorithm algorithm = SigningAlgorithm.fromTag(algorithmText).orElseThrow(() -> invalid(
            "a=" + algorithmText + " is not a known algorithm; use rsa-sha256 or ed25519-sha256 (RFC 6376 section 3.3, RFC 8463)"));
        byte[] signature = base64("b", tags.get("b").orElseThrow());
        if (signature.length == 0) {
            throw invalid("b= is empty; it must carry the base64 signature (RFC 6376 section 3.5)");
        }
        byte[] bodyHash = base64("bh", tags.get("bh").orElseThrow());
        Canonicalization[] canonicalization = canonicalization(tags.get("c").orElse("simple/simple"));
        String domain = tags.get("d").orElseThrow().toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || !isDomain(domain)) {
            throw invalid("d=" + domain + " is not a domain name (RFC 6376 section 3.5)");
        }
        List<String> signedHeaders = headerList(tags.get("h").orElseThrow());
        String identity = tags.get("i").map(DkimSignature::quotedPrintable).orElse("@" + domain);
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw invalid("i=" + identity + " has no '@'; write [local-part]@domain (RFC 6376 section 3.5)");
        }
        String identityDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
        // RFC 6376 section 3.5 (i=): the domain of i= must be the same as, or a subdomain of, d=.
        if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
            throw invalid("i=" + identity + " is not in d=" + domain + "; the i= domain must be d= or a subdomain of it (RFC 6376 section 3.5)");
        }
        OptionalLong bodyLength = number(tags, "l");
        List<String> queryMethods = List.of(tags.get("q").orElse("dns/txt").split(":"))
            .stream().map(TagList::trimWhitespace).toList();
        // RFC 6376 section 3.5 (q=): dns/txt is the only method defined; "dns" alone is the RFC 4871 spelling.
        if (queryMethods.stream().noneMatch(q -> q.equalsIgnoreCase("dns/txt") || q.equalsIgnoreCase("dns"))) {
            throw invalid("q=" + tags.get("q").orElse("") + " names no supported key query method; use q=dns/txt (RFC 6376 section 3.5)");
        }
        String selector = tags.get("s").orElseThrow();
        if (selector.isEmpty() || !isDomain(selector)) {
            throw invalid("s=" + selector + " is not a selector; a selector is one or more DNS labels (RFC 6376 section 3.1)");
        }
        OptionalLong timestamp = number(tags, "t");
        OptionalLong expiration = number(tags, "x");
        // RFC 6376 section 3.5 (x=): x= must be greater than t= when both are present.
        if (timestamp.isPresent() && expiration.isPresent() && expiration.getAsLong() < timestamp.getAsLong()) {
            throw invalid("x=" + expiration.getAsLong() + " is before t=" + timestamp.getAsLong() + "; the expiry must follow the signing time (RFC 6376 section 3.5)");
        }
        return new DkimSignature(1, algorithm, signature, bodyHash, canonicalization[0], canonicalization[1], domain,
            signedHeaders, identity, bodyLength, queryMethods, selector, timestamp, expiration, tags.get("z"), tags);
    }

    private static Canonicalization[] canonicalization(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2) {
            throw invalid("c=" + value + " is not header/body; write e.g. c=relaxed/relaxed (RFC 6376 section 3.5)");
        }
        Canonicalization header = Canonicalization.fromTag(parts[0].toLowerCase(Locale.ROOT)).orElseThrow(() -> invalid(
            "c=" + value + ": '" + parts[0] + "' is not simple or relaxed (RFC 6376 section 3.4)"));
        // RFC 6376 section 3.5 (c=): with only the header algorithm given, the body one is simple.
        Canonicalization body = parts.length == 1 ? Canonicalization.SIMPLE
            : Canonicalization.fromTag(parts[1].toLowerCase(Locale.ROOT)).orElseThrow(() -> invalid(
                "c=" + value + ": '" + parts[1] + "' is not simple or relaxed (RFC 6376 section 3.4)"));
        return new Canonicalization[] {header, body};
    }

    private static List<String> headerList(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(":", -1)) {
            String trimmed = TagList.trimWhitespace(name);
            if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != ':')) {
                throw invalid("h=" + value + " has an empty or invalid header field name; write names separated by ':' (RFC 6376 section 3.5)");
            }
            names.add(trimmed);
        }
        // RFC 6376 section 5.4: the From header field MUST be signed.
        if (names.stream().noneMatch(n -> n.equalsIgnoreCase("from"))) {
            throw invalid("h=" + value + " does not include From; From must always be signed (RFC 6376 section 5.4)");
        }
        return names;
    }

    private static OptionalLong number(TagList tags, String name) {
        Optional<String> text = tags.get(name);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        String digits = text.get();
        if (digits.isEmpty() || digits.length() > MAX_NUMBER_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(name + "=" + digits + " is not a decimal number of at most " + MAX_NUMBER_DIGITS + " digits (RFC 6376 section 3.5)");
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    static byte[] base64(String tag, String value) {
        try {
            return Base64.getDecoder().decode(TagList.removeWhitespace(value));
        } catch (IllegalArgumentException e) {
            throw invalid(tag + "= is not valid base64 (" + e.getMessage() + ") (RFC 6376 section 3.5)");
        }
    }

    /** dkim-quoted-printable (RFC 6376 section 2.11): =XX is the octet XX; whitespace is ignored. */
    static String quotedPrintable(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = TagList.removeWhitespace(value).getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '=' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static boolean isDomain(String name) {
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                // Letters, digits, hyphen, underscore; octets above 0x7F for UTF-8 names (RFC 8616).
                if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c > 0x7F)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static DkimSyntaxException invalid(String message) {
        return new DkimSyntaxException(HEADER_NAME + ": " + message);
    }
}
