package dev.postern.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Makes DKIM keys and writes them out: the DNS TXT value of the public key, PEM for the private one. */
public final class DkimKeys {

    /** RSA size generated: RFC 8301 section 3.2 says signers SHOULD use at least 2048 bits. */
    public static final int RSA_BITS = 2048;

    private DkimKeys() {
    }

    public static KeyPair generateRsa() {
        return generate("RSA", RSA_BITS);
    }

    public static KeyPair generateEd25519() {
        return generate("Ed25519", 0);
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make " + algorithm + " keys", e);
        }
    }

    /**
     * The TXT record value to publish at selector._domainkey.domain (RFC 6376 section 3.6.1),
     * e.g. {@code v=DKIM1; k=ed25519; p=...}. An RSA p= is the SubjectPublicKeyInfo; an Ed25519
     * p= is the raw 32-octet key (RFC 8463 section 4).
     */
    public static String txtRecord(PublicKey key) {
        return "v=DKIM1; k=" + keyType(key) + "; p=" + Base64.getEncoder().encodeToString(publicKeyData(key));
    }

    /** The octets that go in p=. */
    public static byte[] publicKeyData(PublicKey key) {
        return keyType(key).equals("rsa") ? key.getEncoded() : KeyRecord.ed25519Raw(key);
    }

    private static String keyType(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return "rsa";
        }
        if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            return "ed25519";
        }
        throw new IllegalArgumentException("a " + key.getAlgorithm() + " key cannot be a DKIM key; use RSA or Ed25519");
    }

    /** The private key as PKCS#8 PEM ("BEGIN PRIVATE KEY"), which OpenSSL, OpenDKIM and dkimpy read. */
    public static String privateKeyPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * Reads a PKCS#8 PEM private key ("BEGIN PRIVATE KEY", RSA or Ed25519), as written by
     * {@link #privateKeyPem} or {@code openssl genpkey}.
     *
     * @throws IllegalArgumentException saying how to convert a key in another format
     */
    public static PrivateKey readPrivateKey(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("this is a PKCS#1 key; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the private key is not PEM: expected base64 between -----BEGIN PRIVATE KEY----- lines", e);
        }
        for (String algorithm : new String[] {"RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new IllegalArgumentException("the private key is neither an RSA nor an Ed25519 PKCS#8 key");
    }
}
