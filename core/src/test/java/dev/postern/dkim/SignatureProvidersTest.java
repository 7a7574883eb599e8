package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postern.dns.StaticResolver;

/** The native provider and the JDK compute the same DKIM signatures, and each verifies the other's. */
class SignatureProvidersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    // Keys as the key store reads them: PKCS#8 PEM through DkimKeys, i.e. JDK key objects.
    private static final KeyPair RSA = DkimKeys.generateRsa();
    private static final KeyPair ED25519 = DkimKeys.generateEd25519();

    private final StaticResolver dns = new StaticResolver()
        .txt("rsa._domainkey.example.com", DkimKeys.txtRecord(RSA.getPublic()))
        .txt("ed._domainkey.example.com", DkimKeys.txtRecord(ED25519.getPublic()));

    private static SigningConfig config(String key) {
        KeyPair pair = key.equals("rsa") ? RSA : ED25519;
        return SigningConfig.builder("example.com", key.equals("rsa") ? "rsa" : "ed",
            DkimKeys.readPrivateKey(DkimKeys.privateKeyPem(pair.getPrivate()))).build();
    }

    @Test
    void theShippedNativeProviderSignsBothAlgorithmsOnLinuxX8664() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
            "the distribution ships the native library for Linux x86_64 only");
        SignatureProviders providers = SignatureProviders.preferNative();
        assertThat(providers.isNative(SigningAlgorithm.RSA_SHA256)).as(providers.describe()).isTrue();
        assertThat(providers.isNative(SigningAlgorithm.ED25519_SHA256)).as(providers.describe()).isTrue();
        assertThat(providers.describe()).contains("AmazonCorrettoCryptoProvider");
    }

    /** James's TLS and every other JCA user keep the JDK's providers. */
    @Test
    void theNativeProviderIsNeverInstalledForTheWholeJvm() {
        new DkimSigner(CLOCK).sign(Vectors.message("messages/plain.eml"), config("ed25519"));
        assertThat(Security.getProviders()).extracting(Provider::getName).doesNotContain("AmazonCorrettoCryptoProvider");
    }

    @Test
    void theJdkProvidersAreNeverNative() {
        assertThat(SignatureProviders.jdk().isNative(SigningAlgorithm.RSA_SHA256)).isFalse();
        assertThat(SignatureProviders.jdk().isNative(SigningAlgorithm.ED25519_SHA256)).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"rsa, plain.eml", "rsa, folded.eml", "rsa, empty-body.eml", "ed25519, plain.eml", "ed25519, folded.eml",
        "ed25519, empty-body.eml"})
    void nativeAndJdkSignaturesAreTheSameOctetsAndVerifyWithEachOther(String key, String file) {
        byte[] message = Vectors.message("messages/" + file);
        String fromNative = new DkimSigner(CLOCK, SignatureProviders.preferNative()).sign(message, config(key));
        String fromJdk = new DkimSigner(CLOCK, SignatureProviders.jdk()).sign(message, config(key));

        // RSASSA-PKCS1-v1_5 and Ed25519 are deterministic: same key, same data, same signature.
        assertThat(fromNative).isEqualTo(fromJdk);
        for (SignatureProviders verifying : List.of(SignatureProviders.preferNative(), SignatureProviders.jdk())) {
            DkimVerifier verifier = new DkimVerifier(dns, CLOCK, DkimVerifier.Options.defaults(), verifying);
            assertThat(verifier.verify(DkimSigner.prepend(List.of(fromNative), message)))
                .singleElement().satisfies(r -> assertThat(r.result()).as(r.toString()).isEqualTo(DkimResult.PASS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rsa", "ed25519"})
    void bothRefuseAChangedMessage(String key) {
        byte[] message = Vectors.message("messages/plain.eml");
        String field = new DkimSigner(CLOCK).sign(message, config(key));
        String text = new String(DkimSigner.prepend(List.of(field), message), StandardCharsets.ISO_8859_1);
        byte[] changed = text.replaceFirst("(?m)^Subject: ", "Subject: Re: ").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(changed).isNotEqualTo(DkimSigner.prepend(List.of(field), message));
        for (SignatureProviders verifying : List.of(SignatureProviders.preferNative(), SignatureProviders.jdk())) {
            DkimVerifier verifier = new DkimVerifier(dns, CLOCK, DkimVerifier.Options.defaults(), verifying);
            assertThat(verifier.verify(changed)).singleElement()
                .satisfies(r -> assertThat(r.result()).as(r.toString()).isEqualTo(DkimResult.FAIL));
        }
    }

    /** Signature instances are kept per thread: each key must still sign as itself, read again or not. */
    @Test
    void alternatingKeysOfOneAlgorithmEachSignAsThemselves() {
        KeyPair other = DkimKeys.generateRsa();
        StaticResolver keys = new StaticResolver()
            .txt("rsa._domainkey.example.com", DkimKeys.txtRecord(RSA.getPublic()))
            .txt("other._domainkey.example.com", DkimKeys.txtRecord(other.getPublic()));
        DkimVerifier verifier = new DkimVerifier(keys, CLOCK, DkimVerifier.Options.defaults(), SignatureProviders.preferNative());
        DkimSigner signer = new DkimSigner(CLOCK, SignatureProviders.preferNative());
        byte[] message = Vectors.message("messages/plain.eml");
        for (int round = 0; round < 3; round++) {
            // A fresh key object each round, as the key store reads the PEM file for each message.
            SigningConfig first = config("rsa");
            SigningConfig second = SigningConfig.builder("example.com", "other",
                DkimKeys.readPrivateKey(DkimKeys.privateKeyPem(other.getPrivate()))).build();
            List<String> fields = signer.signAll(message, List.of(first, second));
            assertThat(verifier.verify(DkimSigner.prepend(fields, message))).extracting(SignatureResult::result)
                .containsExactly(DkimResult.PASS, DkimResult.PASS);
        }
    }
}
