package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postern.dns.StaticResolver;

/** Postern signs, Postern verifies: each rule of RFC 6376 section 6 that can make a signature not pass. */
class SignVerifyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyPair RSA = DkimKeys.generateRsa();
    private static final KeyPair ED25519 = DkimKeys.generateEd25519();
    private static final String RSA_NAME = "rsa2026._domainkey.example.com";
    private static final String ED_NAME = "ed2026._domainkey.example.com";

    private final StaticResolver dns = new StaticResolver()
        .txt(RSA_NAME, DkimKeys.txtRecord(RSA.getPublic()))
        .txt(ED_NAME, DkimKeys.txtRecord(ED25519.getPublic()));

    private static SigningConfig.Builder rsa() {
        return SigningConfig.builder("example.com", "rsa2026", RSA.getPrivate());
    }

    private static SigningConfig.Builder ed25519() {
        return SigningConfig.builder("example.com", "ed2026", ED25519.getPrivate());
    }

    private static byte[] signed(byte[] message, SigningConfig... configs) {
        return DkimSigner.prepend(new DkimSigner(CLOCK).signAll(message, List.of(configs)), message);
    }

    private List<SignatureResult> verify(byte[] message) {
        return new DkimVerifier(dns, CLOCK, DkimVerifier.Options.defaults()).verify(message);
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private DkimResult only(byte[] message) {
        List<SignatureResult> results = verify(message);
        assertThat(results).hasSize(1);
        return results.get(0).result();
    }

    @ParameterizedTest(name = "{0} {1}/{2} {3}")
    @CsvSource({
        "rsa, relaxed, relaxed, plain.eml", "rsa, simple, simple, plain.eml", "rsa, relaxed, simple, folded.eml",
        "rsa, simple, relaxed, empty-body.eml", "ed25519, relaxed, relaxed, plain.eml", "ed25519, simple, simple, folded.eml",
        "ed25519, relaxed, relaxed, empty-body.eml", "rsa, relaxed, relaxed, folded.eml"})
    void signedMessagesVerify(String key, String header, String body, String file) {
        SigningConfig config = (key.equals("rsa") ? rsa() : ed25519())
            .canonicalization(Canonicalization.fromTag(header).orElseThrow(), Canonicalization.fromTag(body).orElseThrow())
            .build();
        List<SignatureResult> results = verify(signed(Vectors.message("messages/" + file), config));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).as(r.toString()).isEqualTo(DkimResult.PASS);
            assertThat(r.domain()).isEqualTo("example.com");
            assertThat(r.algorithm()).isEqualTo(key.equals("rsa") ? "rsa-sha256" : "ed25519-sha256");
        });
    }

    @Test
    void dualSignatureBothPass() {
        byte[] message = signed(Vectors.message("messages/plain.eml"), rsa().build(), ed25519().build());
        List<SignatureResult> results = verify(message);
        assertThat(results).extracting(SignatureResult::result).containsExactly(DkimResult.PASS, DkimResult.PASS);
        assertThat(results).extracting(SignatureResult::selector).containsExactly("rsa2026", "ed2026");
        assertThat(DkimVerifier.overall(results)).isEqualTo(DkimResult.PASS);
    }

    @Test
    void headerFieldHasTheChosenTagsAndIsFolded() {
        String field = new DkimSigner(CLOCK).sign(Vectors.message("messages/plain.eml"), rsa().expiry(Duration.ofDays(7)).build());
        assertThat(field).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;").endsWith("\r\n")
            .contains(" s=rsa2026;");
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(DkimSigner.LINE_LENGTH);
        }
        DkimSignature signature = DkimSignature.parse(field.substring(field.indexOf(':') + 1));
        assertThat(signature.timestamp()).hasValue(NOW.getEpochSecond());
        assertThat(signature.expiration()).hasValue(NOW.getEpochSecond() + Duration.ofDays(7).getSeconds());
        assertThat(signature.bodyLength()).isEmpty();
        // Present fields once per occurrence, From/To/Subject/Date once more; absent Cc not at all.
        assertThat(signature.signedHeaders()).containsExactly("From", "From", "Subject", "Subject", "Date", "Date",
            "Message-ID", "To", "To", "MIME-Version", "Content-Type", "List-Id");
    }

    @Test
    void oversigningCoversAbsentToo() {
        byte[] message = bytes("From: a@example.com\r\n\r\nhi\r\n");
        String field = new DkimSigner(CLOCK).sign(message, rsa().build());
        DkimSignature signature = DkimSignature.parse(field.substring(field.indexOf(':') + 1));
        assertThat(signature.signedHeaders()).containsExactly("From", "From", "Subject", "Date", "To");
        byte[] withTo = DkimSigner.prepend(List.of(field), message);
        assertThat(only(withTo)).isEqualTo(DkimResult.PASS);
        assertThat(only(bytes(text(withTo).replace("From: a@", "To: victim@example.net\r\nFrom: a@")))).isEqualTo(DkimResult.FAIL);
    }

    @Test
    void tamperedBodyFails() {
        byte[] message = signed(Vectors.message("messages/plain.eml"), rsa().build());
        List<SignatureResult> results = verify(bytes(text(message).replace("lost the game", "won the game")));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(DkimResult.FAIL);
            assertThat(r.reason()).isEqualTo("body hash did not verify");
        });
    }

    @Test
    void relaxedBodyToleratesWhitespaceButSimpleDoesNot() {
        byte[] relaxed = signed(Vectors.message("messages/plain.eml"), rsa().build());
        assertThat(only(bytes(text(relaxed).replace("game.   Are", "game. Are") + "\r\n\r\n"))).isEqualTo(DkimResult.PASS);
        byte[] simple = signed(Vectors.message("messages/plain.eml"),
            rsa().canonicalization(Canonicalization.SIMPLE, Canonicalization.SIMPLE).build());
        assertThat(only(bytes(text(simple).replace("game.   Are", "game. Are")))).isEqualTo(DkimResult.FAIL);
    }

    @Test
    void tamperedSignedHeaderFailsUnsignedDoesNot() {
        byte[] message = signed(Vectors.message("messages/plain.eml"), ed25519().build());
        List<SignatureResult> results = verify(bytes(text(message).replace("Is dinner ready?", "Is lunch ready?")));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(DkimResult.FAIL);
            assertThat(r.reason()).startsWith("signature did not verify");
        });
        assertThat(only(bytes(text(message).replace("this field is not", "this field isn't")))).isEqualTo(DkimResult.PASS);
    }

    @Test
    void addedFromFails() {
        byte[] message = signed(Vectors.message("messages/plain.eml"), rsa().build());
        assertThat(only(bytes(text(message).replace("X-Not-Signed:", "From: mallory@example.org\r\nX-Not-Signed:"))))
            .isEqualTo(DkimResult.FAIL);
    }

    @Test
    void wrongKeyFails() {
        dns.txt(RSA_NAME, DkimKeys.txtRecord(DkimKeys.generateRsa().getPublic()));
        assertThat(only(signed(Vectors.message("messages/plain.eml"), rsa().build()))).isEqualTo(DkimResult.FAIL);
    }

    @Test
    void dnsFailureIsTemperrorNeverFail() {
        dns.failing(RSA_NAME);
        List<SignatureResult> results = verify(signed(Vectors.message("messages/plain.eml"), rsa().build()));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(DkimResult.TEMPERROR);
            assertThat(r.reason()).contains(RSA_NAME);
        });
    }

    @Test
    void missingKeyIsPermerror() {
        byte[] message = signed(Vectors.message("messages/plain.eml"), SigningConfig.builder("example.com", "gone", RSA.getPrivate()).build());
        assertThat(verify(message).get(0).reason()).isEqualTo("no key record at gone._domainkey.example.com");
        assertThat(only(message)).isEqualTo(DkimResult.PERMERROR);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "v=DKIM1; k=rsa; p=                         | is revoked",
        "v=DKIM1; k=ed25519; p=ED25519              | is k=ed25519 but the signature is a=rsa-sha256",
        "v=DKIM1; k=rsa; h=sha1; p=RSA              | allows h=sha1, not sha256",
        "v=DKIM1; k=rsa; s=tlsrpt; p=RSA            | is for s=tlsrpt, not email",
        "v=DKIM1; k=dsa; p=RSA                      | k=dsa is not a key type",
        "v=DKIM2; k=rsa; p=RSA                      | is not DKIM1",
        "v=DKIM1; k=rsa; p=AAAA                     | does not hold a usable rsa key"})
    void keyRecordProblemsArePermerror(String record, String reason) {
        dns.txt(RSA_NAME, record.replace("p=RSA", "p=" + Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded()))
            .replace("p=ED25519", DkimKeys.txtRecord(ED25519.getPublic()).replaceAll(".*p=", "p=")));
        List<SignatureResult> results = verify(signed(Vectors.message("messages/plain.eml"), rsa().build()));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(DkimResult.PERMERROR);
            assertThat(r.reason()).contains(reason);
        });
    }

    @Test
    void acceptableKeyRecordVariantsPass() {
        String p = Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded());
        for (String record : List.of("p=" + p, "v=DKIM1; h=sha1:sha256; s=email; p=" + p, "k=rsa; s=*:email; t=y; n=notes; p=" + p)) {
            dns.txt(RSA_NAME, record);
            assertThat(only(signed(Vectors.message("messages/plain.eml"), rsa().build()))).as(record).isEqualTo(DkimResult.PASS);
        }
        assertThat(verify(signed(Vectors.message("messages/plain.eml"), rsa().build())).get(0).testing()).isTrue();
    }

    @Test
    void flagSForbidsSubdomainIdentity() {
        dns.txt(RSA_NAME, DkimKeys.txtRecord(RSA.getPublic()) + "; t=s");
        assertThat(only(signed(Vectors.message("messages/plain.eml"), rsa().identity("joe@example.com").build())))
            .isEqualTo(DkimResult.PASS);
        List<SignatureResult> results = verify(signed(Vectors.message("messages/plain.eml"), rsa().identity("joe@mail.example.com").build()));
        assertThat(results.get(0).result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(results.get(0).reason()).contains("t=s");
        dns.txt(RSA_NAME, DkimKeys.txtRecord(RSA.getPublic()));
        assertThat(only(signed(Vectors.message("messages/plain.eml"), rsa().identity("joe@mail.example.com").build())))
            .isEqualTo(DkimResult.PASS);
    }

    @Test
    void rsaKeysUnder1024BitsArePermerror() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(768);
        KeyPair weak = generator.generateKeyPair();
        dns.txt(RSA_NAME, DkimKeys.txtRecord(weak.getPublic()));
        List<SignatureResult> results = verify(signed(Vectors.message("messages/plain.eml"),
            SigningConfig.builder("example.com", "rsa2026", weak.getPrivate()).build()));
        assertThat(results.get(0).result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(results.get(0).reason()).contains("768 bits").contains("RFC 8301");
    }

    @Test
    void rsaSha1IsPermerror() {
        byte[] message = signed(Vectors.message("messages/plain.eml"), rsa().build());
        List<SignatureResult> results = verify(bytes(text(message).replace("a=rsa-sha256", "a=rsa-sha1")));
        assertThat(results.get(0).result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(results.get(0).reason()).contains("RFC 8301");
        assertThatThrownBy(() -> rsa().algorithm(SigningAlgorithm.RSA_SHA1).build()).hasMessageContaining("RFC 8301");
    }

    @Test
    void expiryIsCheckedAgainstTheClock() {
        byte[] message = signed(Vectors.message("messages/plain.eml"), rsa().expiry(Duration.ofHours(1)).build());
        DkimVerifier later = new DkimVerifier(dns, Clock.offset(CLOCK, Duration.ofMinutes(30)), DkimVerifier.Options.defaults());
        assertThat(later.verify(message).get(0).result()).isEqualTo(DkimResult.PASS);
        DkimVerifier tooLate = new DkimVerifier(dns, Clock.offset(CLOCK, Duration.ofHours(2)), DkimVerifier.Options.defaults());
        assertThat(tooLate.verify(message).get(0).result()).isEqualTo(DkimResult.FAIL);
        assertThat(tooLate.verify(message).get(0).reason()).contains("expired");
        DkimVerifier early = new DkimVerifier(dns, Clock.offset(CLOCK, Duration.ofHours(-1)), DkimVerifier.Options.defaults());
        assertThat(early.verify(message).get(0).result()).isEqualTo(DkimResult.POLICY);
    }

    @Test
    void bodyLengthLeavingContentUnsignedIsPolicyUnlessAllowed() throws Exception {
        byte[] message = Vectors.message("messages/plain.eml");
        int length = Canonicalization.RELAXED.body(Message.parse(message).body()).length;
        byte[] signed = DkimSigner.prepend(List.of(signWithLength(message, length)), message);
        assertThat(only(signed)).isEqualTo(DkimResult.PASS);

        byte[] appended = bytes(text(signed) + "Click here: https://evil.example/\r\n");
        List<SignatureResult> results = verify(appended);
        assertThat(results.get(0).result()).isEqualTo(DkimResult.POLICY);
        assertThat(results.get(0).reason()).contains("unsigned");
        DkimVerifier lenient = new DkimVerifier(dns, CLOCK, new DkimVerifier.Options(true, DkimVerifier.DEFAULT_MAX_SIGNATURES));
        assertThat(lenient.verify(appended).get(0).result()).isEqualTo(DkimResult.PASS);

        byte[] longer = DkimSigner.prepend(List.of(signWithLength(message, length + 10)), message);
        assertThat(only(longer)).isEqualTo(DkimResult.FAIL);
    }

    /** Our signer never writes l=, so this test builds such a signature by hand. */
    private static String signWithLength(byte[] message, int length) throws Exception {
        Message parsed = Message.parse(message);
        byte[] body = Canonicalization.RELAXED.body(parsed.body());
        String bodyHash = Base64.getEncoder().encodeToString(SignedData.sha256(body, Math.min(length, body.length)));
        String unsigned = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=rsa2026; l=" + length
            + "; h=From:Subject; bh=" + bodyHash + "; b=";
        byte[] data = SignedData.headerData(parsed, List.of("From", "Subject"), Canonicalization.RELAXED, unsigned);
        byte[] signature = SignedData.sign(SignatureProviders.preferNative(), SigningAlgorithm.RSA_SHA256, RSA.getPrivate(), data);
        return unsigned + Base64.getEncoder().encodeToString(signature) + "\r\n";
    }

    @Test
    void signaturesBeyondTheLimitAreNeutral() {
        byte[] message = Vectors.message("messages/plain.eml");
        SigningConfig config = ed25519().build();
        List<String> fields = new DkimSigner(CLOCK).signAll(message, List.of(config, config, config));
        DkimVerifier verifier = new DkimVerifier(dns, CLOCK, new DkimVerifier.Options(false, 2));
        assertThat(verifier.verify(DkimSigner.prepend(fields, message))).extracting(SignatureResult::result)
            .containsExactly(DkimResult.PASS, DkimResult.PASS, DkimResult.NEUTRAL);
    }

    @Test
    void noSignatureIsNone() {
        List<SignatureResult> results = verify(Vectors.message("messages/plain.eml"));
        assertThat(results).isEmpty();
        assertThat(DkimVerifier.overall(results)).isEqualTo(DkimResult.NONE);
    }

    @Test
    void signerNeedsFrom() {
        assertThatThrownBy(() -> new DkimSigner(CLOCK).sign(bytes("Subject: x\r\n\r\nbody\r\n"), rsa().build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no From header field");
        assertThatThrownBy(() -> rsa().identity("joe@example.org").build()).hasMessageContaining("must be [local]@example.com");
        assertThatThrownBy(() -> SigningConfig.builder("example.com", "s", RSA.getPrivate()).algorithm(SigningAlgorithm.ED25519_SHA256).build())
            .hasMessageContaining("cannot sign ed25519-sha256");
    }

    @Test
    void keysRoundTripThroughPemAndTxt() throws Exception {
        assertThat(DkimKeys.readPrivateKey(DkimKeys.privateKeyPem(RSA.getPrivate()))).isEqualTo(RSA.getPrivate());
        assertThat(DkimKeys.readPrivateKey(DkimKeys.privateKeyPem(ED25519.getPrivate())).getEncoded())
            .isEqualTo(ED25519.getPrivate().getEncoded());
        assertThat(KeyRecord.parse(DkimKeys.txtRecord(RSA.getPublic())).publicKey()).isEqualTo(RSA.getPublic());
        assertThat(DkimKeys.txtRecord(ED25519.getPublic())).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");
        assertThatThrownBy(() -> DkimKeys.readPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
            .hasMessageContaining("openssl pkcs8");
    }

    @Test
    void damagedMessagesNeverThrow() {
        byte[] message = signed(Vectors.message("messages/folded.eml"), rsa().build(), ed25519().build());
        java.util.Random random = new java.util.Random(6376);
        for (int round = 0; round < 300; round++) {
            byte[] damaged = message.clone();
            int changes = 1 + random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                // Damage the top, where the signatures are, most of the time.
                int at = random.nextInt(round % 2 == 0 ? Math.min(900, damaged.length) : damaged.length);
                String alphabet = "=;: \t\r\nab0/+@.";
                damaged[at] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            List<SignatureResult> results = verify(damaged);
            assertThat(results).allSatisfy(r -> assertThat(r.reason()).doesNotStartWith("not checked"));
        }
    }
}
