package dev.postern.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What a signature covers, computed the same way by the signer and the verifier: the hashed
 * header data (RFC 6376 section 3.7) and the body hash (section 3.7, with l= from section 3.5),
 * and the signature algorithms themselves (RFC 6376 section 3.3, RFC 8463 section 3).
 */
final class SignedData {

    private SignedData() {
    }

    /**
     * The canonicalized header fields named by h=, then the DKIM-Signature field itself with the
     * b= value emptied and no final CRLF (RFC 6376 section 3.7).
     *
     * @param signatureField the whole DKIM-Signature field as written, final CRLF optional
     */
    static byte[] headerData(Message message, List<String> signedHeaders, Canonicalization canonicalization, String signatureField) {
        StringBuilder data = new StringBuilder();
        List<Message.HeaderField> headers = message.headers();
        boolean[] used = new boolean[headers.size()];
        for (String name : signedHeaders) {
            // RFC 6376 section 5.4.2: for a name listed n times, take the fields from the bottom
            // up; a name listed more often than it occurs adds nothing (the "null string").
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (!used[i] && headers.get(i).hasName(name)) {
                    used[i] = true;
                    data.append(canonicalization.header(headers.get(i).raw()));
                    break;
                }
            }
        }
        String signature = canonicalization.header(withoutSignatureValue(signatureField));
        data.append(signature, 0, signature.length() - 2);
        return data.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The field with the value of its b= tag deleted, whitespace around it included
     * (RFC 6376 section 3.7), and without its final CRLF.
     */
    static String withoutSignatureValue(String field) {
        String text = field.endsWith("\r\n") ? field.substring(0, field.length() - 2) : field;
        int colon = text.indexOf(':');
        StringBuilder out = new StringBuilder(text.substring(0, colon + 1));
        List<String> specs = new ArrayList<>(List.of(text.substring(colon + 1).split(";", -1)));
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i);
            int equals = spec.indexOf('=');
            if (equals >= 0 && TagList.trimWhitespace(spec.substring(0, equals)).equals("b")) {
                spec = spec.substring(0, equals + 1);
            }
            out.append(spec);
            if (i < specs.size() - 1) {
                out.append(';');
            }
        }
        return out.toString();
    }

    /** The canonicalized body; a caller that honours l= hashes only its first l= octets. */
    static byte[] canonicalBody(Message message, Canonicalization canonicalization) {
        return message.canonicalBody(canonicalization);
    }

    static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, length);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    static byte[] sign(SignatureProviders providers, SigningAlgorithm algorithm, PrivateKey key, byte[] headerData)
            throws GeneralSecurityException {
        return providers.sign(algorithm, key, input(algorithm, headerData));
    }

    static boolean verify(SignatureProviders providers, SigningAlgorithm algorithm, PublicKey key, byte[] headerData, byte[] signature)
            throws GeneralSecurityException {
        return providers.verify(algorithm, key, input(algorithm, headerData), signature);
    }

    /** RSA signs the header data itself; Ed25519 signs its SHA-256 hash (RFC 8463 section 3). */
    private static byte[] input(SigningAlgorithm algorithm, byte[] headerData) {
        return algorithm == SigningAlgorithm.ED25519_SHA256 ? sha256(headerData, headerData.length) : headerData;
    }
}
