package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.postern.dns.StaticResolver;

/**
 * The DKIM samples of the shared conformance suite: each file is "name TXT-value" lines, an empty
 * line, then the message. Postern must agree with dkimpy and with OpenDKIM ({@code opendkim -t})
 * on every signature, and on a copy whose body was changed. The samples are old, so Postern and
 * dkimpy verify at the time of the newest t= in the file; OpenDKIM cannot be given a time, so
 * against it Postern verifies now (an x= in the past is then expired for both).
 *
 * <p>One known difference, kept as a test of its own: RFC 6376's examples (appendix A; sample
 * 002) publish an RSA p= as a bare RSAPublicKey (PKCS#1). Postern takes it, as dkimpy does;
 * OpenDKIM 2.11 takes only a SubjectPublicKeyInfo (what section 3.6.1 asks) and says
 * {@code permerror} ("unable to apply public key"). OpenDKIM is therefore given such a key as a
 * SubjectPublicKeyInfo, the same key.
 */
class ConformanceSamplesTest {

    /** Relative to the core module, the working directory of the tests: the repository sits beside shared/. */
    static final Path SAMPLES = Path.of("../../shared/conformance/mail-auth/dkim");

    private static final Pattern TIMESTAMP = Pattern.compile("[;\\s]t=(\\d+)");

    record Sample(String name, Map<String, String> keys, byte[] message) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void dkimpyAndOpenDkimAreInstalled() {
        Dkimpy.requireInstalled();
        OpenDkim.requireInstalled();
    }

    static Stream<Sample> samples() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES), "conformance samples folder " + SAMPLES.toAbsolutePath().normalize()
            + " (shared/conformance/mail-auth/dkim beside the repository) is absent; skipping");
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                samples.add(read(file));
            }
        }
        assertThat(samples).as("samples in " + SAMPLES).isNotEmpty();
        return samples.stream();
    }

    static Sample read(Path file) throws IOException {
        String text = Message.toCrlf(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        int blank = text.indexOf("\r\n\r\n");
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : text.substring(0, blank).split("\r\n")) {
            int space = line.indexOf(' ');
            keys.put(line.substring(0, space), line.substring(space + 1).strip());
        }
        return new Sample(file.getFileName().toString(), keys, text.substring(blank + 4).getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void agreesWithDkimpy(Sample sample) throws IOException {
        long now = verificationTime(sample.message());
        List<SignatureResult> postern = posternVerify(sample, sample.message(), now);
        List<String> dkimpy = Dkimpy.verify(sample.message(), sample.keys(), now);
        assertThat(postern).as("signatures found").hasSameSizeAs(dkimpy).isNotEmpty();
        for (int i = 0; i < postern.size(); i++) {
            boolean dkimpyPass = dkimpy.get(i).equals("pass");
            assertThat(postern.get(i).result() == DkimResult.PASS)
                .as("%s signature %d: Postern %s, dkimpy %s", sample, i, postern.get(i), dkimpy.get(i))
                .isEqualTo(dkimpyPass);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void agreesWithOpenDkim(Sample sample) throws IOException {
        List<SignatureResult> postern = posternVerify(sample, sample.message(), Instant.now().getEpochSecond());
        List<OpenDkim.Verdict> openDkim = OpenDkim.verifyWithKeys(sample.message(), asSubjectPublicKeyInfo(sample.keys()));
        assertThat(postern).as("signatures found").hasSameSizeAs(openDkim).isNotEmpty();
        for (int i = 0; i < postern.size(); i++) {
            assertThat(openDkim.get(i).selector()).as("%s signature %d: the same one, top first", sample, i)
                .isEqualTo(postern.get(i).selector());
            assertThat(postern.get(i).result() == DkimResult.PASS)
                .as("%s signature %d: Postern %s, OpenDKIM %s", sample, i, postern.get(i), openDkim.get(i).entry())
                .isEqualTo(openDkim.get(i).result().equals("pass"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void changedBodyFailsForAll(Sample sample) throws IOException {
        long now = verificationTime(sample.message());
        byte[] changed = (new String(sample.message(), StandardCharsets.ISO_8859_1) + "An added line.\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        List<SignatureResult> postern = posternVerify(sample, changed, now);
        assertThat(postern).allSatisfy(r -> {
            assertThat(r.result()).as(r.toString()).isEqualTo(DkimResult.FAIL);
            assertThat(r.reason()).isEqualTo("body hash did not verify");
        });
        assertThat(Dkimpy.verify(changed, sample.keys(), now)).allSatisfy(v -> assertThat(v).isNotEqualTo("pass"));
        assertThat(OpenDkim.verifyWithKeys(changed, asSubjectPublicKeyInfo(sample.keys()))).hasSameSizeAs(postern)
            .allSatisfy(v -> assertThat(v.result()).as(v.entry()).isNotEqualTo("pass"));
    }

    @Test
    void openDkimRefusesTheBareRsaPublicKeyOfRfc6376Examples() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES), "conformance samples folder " + SAMPLES + " is absent; skipping");
        Sample sample = read(SAMPLES.resolve("002.txt"));
        assertThat(asSubjectPublicKeyInfo(sample.keys())).as("002.txt publishes a bare RSAPublicKey").isNotEqualTo(sample.keys());

        assertThat(posternVerify(sample, sample.message(), Instant.now().getEpochSecond()))
            .extracting(SignatureResult::result).containsExactly(DkimResult.PASS);
        assertThat(OpenDkim.verifyWithKeys(sample.message(), sample.keys()))
            .extracting(OpenDkim.Verdict::result).containsExactly("permerror");
        assertThat(OpenDkim.verifyWithKeys(sample.message(), asSubjectPublicKeyInfo(sample.keys())))
            .extracting(OpenDkim.Verdict::result).containsExactly("pass");
    }

    /** The key records with each bare RSAPublicKey p= replaced by the same key as SubjectPublicKeyInfo. */
    private static Map<String, String> asSubjectPublicKeyInfo(Map<String, String> keys) {
        Map<String, String> converted = new LinkedHashMap<>();
        keys.forEach((name, value) -> {
            KeyRecord record = KeyRecord.parse(value);
            if (record.keyType().equals("rsa") && !isSubjectPublicKeyInfo(record.publicKeyData())) {
                String spki = Base64.getEncoder().encodeToString(KeyRecord.rsaSpki(record.publicKeyData()));
                value = value.replaceFirst("p=[^;]*", Matcher.quoteReplacement("p=" + spki));
            }
            converted.put(name, value);
        });
        return converted;
    }

    private static boolean isSubjectPublicKeyInfo(byte[] rsaKey) {
        try {
            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(rsaKey));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<SignatureResult> posternVerify(Sample sample, byte[] message, long now) {
        StaticResolver resolver = new StaticResolver();
        sample.keys().forEach(resolver::txt);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        return new DkimVerifier(resolver, clock, DkimVerifier.Options.defaults()).verify(message);
    }

    /** The newest t= among the DKIM-Signature fields; the time of the test run when none has one. */
    private static long verificationTime(byte[] message) {
        long newest = Instant.now().getEpochSecond();
        boolean found = false;
        for (Message.HeaderField field : Message.parse(message).headers()) {
            if (field.hasName(DkimSignature.HEADER_NAME)) {
                Matcher matcher = TIMESTAMP.matcher(field.value());
                if (matcher.find()) {
                    long t = Long.parseLong(matcher.group(1));
                    newest = found ? Math.max(newest, t) : t;
                    found = true;
                }
            }
        }
        return newest;
    }
}
