package dev.postern.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DKIM key record, the TXT record at selector._domainkey.domain (RFC 6376 section 3.6.1).
 *
 * @param keyType k=, "rsa" (default) or "ed25519"; other values are kept so the verifier can name them
 * @param publicKeyData p=, decoded; empty when the key is revoked
 * @param hashAlgorithms h=, the acceptable hashes; empty means all
 * @param serviceTypes s=, default "*"
 * @param flags t=, e.g. "y" (testing) and "s" (no subdomains in i=)
 */
public record KeyRecord(
    String keyType,
    byte[] publicKeyData,
    List<String> hashAlgorithms,
    List<String> serviceTypes,
    List<String> flags) {

    /** X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410 section 4): the raw 32 octets follow. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** The length of a raw Ed25519 public key (RFC 8032 section 5.1.5). */
    static final int ED25519_KEY_LENGTH = 32;

    public KeyRecord {
        hashAlgorithms = List.copyOf(hashAlgorithms);
        serviceTypes = List.copyOf(serviceTypes);
        flags = List.copyOf(flags);
    }

    /**
     * Parses a key record's text.
     *
     * @throws DkimSyntaxException for a bad tag list, a v= other than DKIM1 or v= not first, no p=
     */
    public static KeyRecord parse(String text) {
        TagList tags = TagList.parse(text, "DKIM key record");
        Optional<String> version = tags.get("v");
        if (version.isPresent()) {
            // RFC 6376 section 3.6.1 (v=): if present it must be DKIM1 and the first tag.
            if (!version.get().equals("DKIM1")) {
                throw new DkimSyntaxException("DKIM key record: v=" + version.get() + " is not DKIM1; publish v=DKIM1 or leave v= out (RFC 6376 section 3.6.1)");
            }
            if (!tags.names().get(0).equals("v")) {
                throw new DkimSyntaxException("DKIM key record: v=DKIM1 must be the first tag (RFC 6376 section 3.6.1)");
            }
        }
        String p = tags.get("p").orElseThrow(() -> new DkimSyntaxException(
            "DKIM key record: p= is missing; publish the base64 public key, or an empty p= to revoke (RFC 6376 section 3.6.1)"));
        byte[] publicKey;
        try {
            publicKey = Base64.getDecoder().decode(TagList.removeWhitespace(p));
        } catch (IllegalArgumentException e) {
            throw new DkimSyntaxException("DKIM key record: p= is not valid base64 (" + e.getMessage() + ") (RFC 6376 section 3.6.1)");
        }
        return new KeyRecord(
            tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT),
            publicKey,
            list(tags.get("h")),
            tags.get("s").map(s -> list(Optional.of(s))).orElse(List.of("*")),
            list(tags.get("t")));
    }

    private static List<String> list(Optional<String> value) {
        return value.map(v -> List.of(v.split(":")).stream()
                .map(TagList::trimWhitespace).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList())
            .orElse(List.of());
    }

    /** An empty p= means the key was revoked (RFC 6376 section 3.6.1). */
    public boolean isRevoked() {
        return publicKeyData.length == 0;
    }

    /** t=y: the domain is testing DKIM (RFC 6376 section 3.6.1). */
    public boolean isTesting() {
        return flags.contains("y");
    }

    /** t=s: the i= domain must be d= itself, not a subdomain (RFC 6376 section 3.6.1). */
    public boolean forbidsSubdomains() {
        return flags.contains("s");
    }

    /**
     * The Java public key of p=. RSA keys are accepted as SubjectPublicKeyInfo (what RFC 6376
     * section 3.6.1 says) or as a bare RSAPublicKey (what its own examples publish).
     *
     * @throws GeneralSecurityException when p= does not hold a key of type k=
     */
    public PublicKey publicKey() throws GeneralSecurityException {
        switch (keyType) {
            case "rsa":
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                try {
                    return rsa.generatePublic(new X509EncodedKeySpec(publicKeyData));
                } catch (GeneralSecurityException notSpki) {
                    return rsa.generatePublic(new X509EncodedKeySpec(rsaSpki(publicKeyData)));
                }
            case "ed25519":
                // RFC 8463 section 4: p= is the raw 32-octet key, base64.
                if (publicKeyData.length != ED25519_KEY_LENGTH) {
                    throw new GeneralSecurityException("an ed25519 p= must be " + ED25519_KEY_LENGTH + " octets, not " + publicKeyData.length + " (RFC 8463 section 4)");
                }
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(ed25519Spki(publicKeyData)));
            default:
                throw new GeneralSecurityException("k=" + keyType + " is not a key type this verifier knows; use rsa or ed25519");
        }
    }

    /** The raw 32 octets of an Ed25519 public key from its X.509 encoding (RFC 8463 section 4). */
    static byte[] ed25519Raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return java.util.Arrays.copyOfRange(encoded, encoded.length - ED25519_KEY_LENGTH, encoded.length);
    }

    static byte[] ed25519Spki(byte[] raw) {
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        return spki;
    }

    /** Wraps a PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo with the rsaEncryption OID (RFC 3279 section 2.3.1). */
    static byte[] rsaSpki(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] bitString = der(0x03, concat(new byte[] {0x00}, pkcs1));
        return der(0x30, concat(algorithm, bitString));
    }

    private static byte[] der(int tag, byte[] content) {
        int length = content.length;
        byte[] header;
        if (length < 0x80) {
            header = new byte[] {(byte) tag, (byte) length};
        } else if (length < 0x100) {
            header = new byte[] {(byte) tag, (byte) 0x81, (byte) length};
        } else if (length < 0x10000) {
            header = new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        } else {
            header = new byte[] {(byte) tag, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
        }
        return concat(header, content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
