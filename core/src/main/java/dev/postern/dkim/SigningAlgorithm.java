package dev.postern.dkim;

import java.util.Arrays;
import java.util.Optional;

/** The a= values (RFC 6376 section 3.3, RFC 8463 section 3). */
public enum SigningAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 6376 section 3.3.1); the one every verifier knows. */
    RSA_SHA256("rsa-sha256", "rsa", "sha256"),
    /** PureEdDSA Ed25519 over the SHA-256 hash of the header data (RFC 8463 section 3). */
    ED25519_SHA256("ed25519-sha256", "ed25519", "sha256"),
    /** Parsed so it can be named in a result; never signed with and never valid (RFC 8301 section 3.1). */
    RSA_SHA1("rsa-sha1", "rsa", "sha1");

    private final String tagValue;
    private final String keyType;
    private final String hashName;

    SigningAlgorithm(String tagValue, String keyType, String hashName) {
        this.tagValue = tagValue;
        this.keyType = keyType;
        this.hashName = hashName;
    }

    /** As written in a=, e.g. "ed25519-sha256". */
    public String tagValue() {
        return tagValue;
    }

    /** The k= value of a key record usable with this algorithm. */
    public String keyType() {
        return keyType;
    }

    /** The name of the hash as listed in a key record's h= tag. */
    public String hashName() {
        return hashName;
    }

    /** The usable algorithm for a key record's k= value, if any. */
    public static Optional<SigningAlgorithm> fromKeyType(String keyType) {
        return Arrays.stream(values()).filter(a -> a != RSA_SHA1 && a.keyType.equals(keyType)).findFirst();
    }

    /** The algorithm named by an a= value; names are compared case-insensitively. */
    public static Optional<SigningAlgorithm> fromTag(String value) {
        return Arrays.stream(values()).filter(a -> a.tagValue.equalsIgnoreCase(value)).findFirst();
    }
}
