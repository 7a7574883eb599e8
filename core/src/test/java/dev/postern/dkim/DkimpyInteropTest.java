package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postern.dns.StaticResolver;

/** Postern against dkimpy (Debian python3-dkim), both directions, including tampered messages. */
class DkimpyInteropTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyPair RSA = DkimKeys.generateRsa();
    private static final KeyPair ED25519 = DkimKeys.generateEd25519();
    private static final String DOMAIN = "example.com";

    @BeforeAll
    static void dkimpyIsInstalled() {
        Dkimpy.requireInstalled();
    }

    private static KeyPair keys(String algorithm) {
        return algorithm.equals("rsa-sha256") ? RSA : ED25519;
    }

    private static Map<String, String> dns(String selector, KeyPair keys) {
        return Map.of(selector + "._domainkey." + DOMAIN, DkimKeys.txtRecord(keys.getPublic()));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    // --- Postern signs, dkimpy verifies ---

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "rsa-sha256, relaxed/relaxed, plain.eml", "rsa-sha256, simple/simple, plain.eml",
        "rsa-sha256, relaxed/simple, folded.eml", "rsa-sha256, simple/relaxed, empty-body.eml",
        "ed25519-sha256, relaxed/relaxed, plain.eml", "ed25519-sha256, simple/simple, folded.eml",
        "ed25519-sha256, relaxed/relaxed, empty-body.eml", "ed25519-sha256, simple/simple, empty-body.eml"})
    void dkimpyVerifiesPosternSignatures(String algorithm, String canonicalization, String file) throws Exception {
        byte[] message = Vectors.message("messages/" + file);
        String[] c = canonicalization.split("/");
        SigningConfig config = SigningConfig.builder(DOMAIN, "sel", keys(algorithm).getPrivate())
            .canonicalization(Canonicalization.fromTag(c[0]).orElseThrow(), Canonicalization.fromTag(c[1]).orElseThrow())
            .build();
        byte[] signed = DkimSigner.prepend(List.of(new DkimSigner(CLOCK).sign(message, config)), message);
        assertThat(Dkimpy.verify(signed, dns("sel", keys(algorithm)), NOW.getEpochSecond())).containsExactly("pass");
    }

    @Test
    void dkimpyVerifiesDualSignature() throws Exception {
        byte[] message = Vectors.message("messages/plain.eml");
        List<String> fields = new DkimSigner(CLOCK).signAll(message, List.of(
            SigningConfig.builder(DOMAIN, "rsa", RSA.getPrivate()).build(),
            SigningConfig.builder(DOMAIN, "ed", ED25519.getPrivate()).build()));
        Map<String, String> dns = Map.of("rsa._domainkey." + DOMAIN, DkimKeys.txtRecord(RSA.getPublic()),
            "ed._domainkey." + DOMAIN, DkimKeys.txtRecord(ED25519.getPublic()));
        assertThat(Dkimpy.verify(DkimSigner.prepend(fields, message), dns, NOW.getEpochSecond())).containsExactly("pass", "pass");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rsa-sha256", "ed25519-sha256"})
    void dkimpyRejectsTamperedPosternSignatures(String algorithm) throws Exception {
        byte[] message = Vectors.message("messages/plain.eml");
        SigningConfig config = SigningConfig.builder(DOMAIN, "sel", keys(algorithm).getPrivate()).build();
        String signed = text(DkimSigner.prepend(List.of(new DkimSigner(CLOCK).sign(message, config)), message));
        long now = NOW.getEpochSecond();

        assertThat(Dkimpy.verify(bytes(signed.replace("lost the game", "won the game")), dns("sel", keys(algorithm)), now))
            .singleElement().asString().startsWith("error body hash mismatch");
        assertThat(Dkimpy.verify(bytes(signed.replace("Is dinner ready?", "Is lunch ready?")), dns("sel", keys(algorithm)), now))
            .containsExactly("fail");
        KeyPair other = algorithm.equals("rsa-sha256") ? DkimKeys.generateRsa() : DkimKeys.generateEd25519();
        assertThat(Dkimpy.verify(bytes(signed), dns("sel", other), now)).containsExactly("fail");
    }

    // --- dkimpy signs, Postern verifies ---

    private static String dkimpyKey(String algorithm) {
        if (algorithm.equals("rsa-sha256")) {
            return DkimKeys.privateKeyPem(RSA.getPrivate());
        }
        byte[] pkcs8 = ED25519.getPrivate().getEncoded(); // PKCS#8: the 32-octet seed comes last (RFC 8410 section 7)
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    }

    private static byte[] signedByDkimpy(String algorithm, String canonicalization, String file) throws Exception {
        byte[] message = Vectors.message("messages/" + file);
        String field = Dkimpy.sign(message, dkimpyKey(algorithm), algorithm, "py", DOMAIN, canonicalization, NOW.getEpochSecond());
        assertThat(field).startsWith("DKIM-Signature:");
        return DkimSigner.prepend(List.of(field), message);
    }

    private static List<SignatureResult> posternVerify(byte[] message, KeyPair keys) {
        StaticResolver resolver = new StaticResolver().txt("py._domainkey." + DOMAIN, DkimKeys.txtRecord(keys.getPublic()));
        return new DkimVerifier(resolver, CLOCK, DkimVerifier.Options.defaults()).verify(message);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "rsa-sha256, relaxed/relaxed, plain.eml", "rsa-sha256, simple/simple, plain.eml",
        "rsa-sha256, relaxed/simple, folded.eml", "rsa-sha256, simple/relaxed, empty-body.eml",
        "ed25519-sha256, relaxed/relaxed, plain.eml", "ed25519-sha256, simple/simple, folded.eml",
        "ed25519-sha256, relaxed/simple, empty-body.eml"})
    void posternVerifiesDkimpySignatures(String algorithm, String canonicalization, String file) throws Exception {
        List<SignatureResult> results = posternVerify(signedByDkimpy(algorithm, canonicalization, file), keys(algorithm));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).as(r.toString()).isEqualTo(DkimResult.PASS);
            assertThat(r.algorithm()).isEqualTo(algorithm);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rsa-sha256", "ed25519-sha256"})
    void posternRejectsTamperedDkimpySignatures(String algorithm) throws Exception {
        String signed = text(signedByDkimpy(algorithm, "relaxed/simple", "plain.eml"));

        SignatureResult body = posternVerify(bytes(signed.replace("lost the game", "won the game")), keys(algorithm)).get(0);
        assertThat(body.result()).isEqualTo(DkimResult.FAIL);
        assertThat(body.reason()).isEqualTo("body hash did not verify");

        SignatureResult header = posternVerify(bytes(signed.replace("Is dinner ready?", "Is lunch ready?")), keys(algorithm)).get(0);
        assertThat(header.result()).isEqualTo(DkimResult.FAIL);
        assertThat(header.reason()).startsWith("signature did not verify");

        KeyPair other = algorithm.equals("rsa-sha256") ? DkimKeys.generateRsa() : DkimKeys.generateEd25519();
        assertThat(posternVerify(bytes(signed), other).get(0).result()).isEqualTo(DkimResult.FAIL);
    }
}
