package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dns.StaticResolver;

/**
 * Differential fuzzing against dkimpy, in both directions, on random messages (folded and
 * white-space-laden header fields, odd bodies, oversigning, {@code l=}, both algorithms and
 * all four canonicalizations), a third of them altered after signing. Long: runs with
 * {@code ./postern test --long} ({@code -Dpostern.long=true}); {@code -Dpostern.fuzz.cases=N}
 * and {@code -Dpostern.fuzz.seed=S} choose the size and the cases.
 */
@EnabledIfSystemProperty(named = "postern.long", matches = "true")
class DkimDifferentialFuzzTest {

    static final int CASES = Integer.getInteger("postern.fuzz.cases", 1000);
    static final long SEED = Long.getLong("postern.fuzz.seed", 20261129L);

    @BeforeAll
    static void dkimpyIsInstalled() {
        Dkimpy.requireInstalled();
    }

    @Test
    void posternAgreesWithDkimpyOnEveryDkimpySignedCase(@TempDir Path folder) throws IOException {
        List<String> dkimpyVerdicts = Dkimpy.fuzzCases(folder, CASES, SEED);
        StaticResolver dns = StaticResolver.fromTxtLines(Files.readAllLines(folder.resolve("keys.txt")));
        DkimVerifier verifier = new DkimVerifier(dns);
        List<String> disagreements = new ArrayList<>();
        for (String line : dkimpyVerdicts) {
            String name = line.substring(0, line.indexOf(' '));
            boolean dkimpyPass = line.endsWith(" pass");
            SignatureResult ours = verifier.verify(Files.readAllBytes(folder.resolve(name + ".eml"))).get(0);
            // l= covering less than the whole body: dkimpy passes, Postern's default policy
            // (DkimVerifier.Options, RFC 6376 section 8.2) does not; a difference by choice.
            boolean byPolicy = dkimpyPass && ours.result() == DkimResult.POLICY;
            if ((ours.result() == DkimResult.PASS) != dkimpyPass && !byPolicy) {
                disagreements.add(name + " (" + Files.readString(folder.resolve(name + ".meta")).strip() + "): dkimpy "
                    + (dkimpyPass ? "pass" : "fail") + ", Postern " + ours);
            }
        }
        assertThat(dkimpyVerdicts).hasSize(CASES);
        assertThat(disagreements).as("cases in " + folder + " (seed " + SEED + ")").isEmpty();
    }

    @Test
    void dkimpyVerifiesEveryPosternSignature(@TempDir Path cases, @TempDir Path signed) throws IOException {
        Dkimpy.fuzzCases(cases, CASES, SEED);
        KeyPair rsa = DkimKeys.generateRsa();
        KeyPair ed25519 = DkimKeys.generateEd25519();
        Files.writeString(signed.resolve("keys.txt"), "rsa._domainkey.example.com " + DkimKeys.txtRecord(rsa.getPublic()) + "\n"
            + "ed._domainkey.example.com " + DkimKeys.txtRecord(ed25519.getPublic()) + "\n");
        Random random = new Random(SEED);
        Canonicalization[] canonicalizations = Canonicalization.values();
        DkimSigner signer = new DkimSigner();
        for (int i = 0; i < CASES; i++) {
            String name = String.format("%04d", i);
            byte[] message = Files.readAllBytes(cases.resolve(name + ".orig"));
            List<SigningConfig> configs = List.of(
                SigningConfig.builder("example.com", "rsa", rsa.getPrivate())
                    .canonicalization(canonicalizations[random.nextInt(2)], canonicalizations[random.nextInt(2)]).build(),
                SigningConfig.builder("example.com", "ed", ed25519.getPrivate()).algorithm(SigningAlgorithm.ED25519_SHA256)
                    .canonicalization(canonicalizations[random.nextInt(2)], canonicalizations[random.nextInt(2)]).build());
            Files.write(signed.resolve(name + ".eml"), DkimSigner.prepend(signer.signAll(message, configs), message));
        }

        List<String> verdicts = Dkimpy.verifyFolder(signed, signed.resolve("keys.txt"));

        assertThat(verdicts).hasSize(2 * CASES);
        assertThat(verdicts).as("dkimpy on Postern's signatures in " + signed).allSatisfy(line -> assertThat(line).endsWith(" pass"));
    }
}
