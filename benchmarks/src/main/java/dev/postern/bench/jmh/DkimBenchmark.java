package dev.postern.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.DkimResult;
import dev.postern.dkim.DkimSigner;
import dev.postern.dkim.DkimVerifier;
import dev.postern.dkim.SignatureProviders;
import dev.postern.dkim.SignatureResult;
import dev.postern.dkim.SigningAlgorithm;
import dev.postern.dkim.SigningConfig;
import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.LoopbackDnsServer;

/**
 * DKIM signing and verifying (relaxed/relaxed, default headers) per message of 2 KB, 20 KB and
 * 1 MB, with RSA-2048 and Ed25519, through the native provider Postern uses and through the JDK. Verification asks a real DNS server on loopback through
 * Postern's resolver, whose cache is warm after the first message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DkimBenchmark {

    @Param({"2048", "20480", "1048576"})
    public int messageBytes;

    @Param({"RSA_SHA256", "ED25519_SHA256"})
    public SigningAlgorithm algorithm;

    /** native: what Postern uses (SignatureProviders.preferNative()); jdk: the JDK's providers only. */
    @Param({"native", "jdk"})
    public String providers;

    private LoopbackDnsServer dns;
    private DkimSigner signer;
    private DkimVerifier verifier;
    private SigningConfig config;
    private byte[] message;
    private byte[] signed;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPair keys = algorithm == SigningAlgorithm.RSA_SHA256 ? DkimKeys.generateRsa() : DkimKeys.generateEd25519();
        dns = LoopbackDnsServer.start();
        dns.addTxt("bench._domainkey.example.org.", 3600, DkimKeys.txtRecord(keys.getPublic()));
        SignatureProviders chosen = switch (providers) {
            case "native" -> SignatureProviders.preferNative();
            case "jdk" -> SignatureProviders.jdk();
            default -> throw new IllegalArgumentException("providers is native or jdk, not " + providers);
        };
        if (providers.equals("native") && !chosen.isNative(algorithm)) {
            throw new IllegalStateException("no native provider here for " + algorithm + ": " + chosen.describe());
        }
        signer = new DkimSigner(Clock.systemUTC(), chosen);
        verifier = new DkimVerifier(DnsjavaResolver.builder().servers(dns.address()).build(), Clock.systemUTC(),
            DkimVerifier.Options.defaults(), chosen);
        config = SigningConfig.builder("example.org", "bench", keys.getPrivate()).algorithm(algorithm).build();
        message = Messages.ofSize(messageBytes);
        signed = DkimSigner.prepend(List.of(signer.sign(message, config)), message);
        List<SignatureResult> results = verifier.verify(signed);
        if (DkimVerifier.overall(results) != DkimResult.PASS) {
            throw new IllegalStateException("the benchmark's own signature does not verify: " + results);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dns.close();
    }

    @Benchmark
    public String sign() {
        return signer.sign(message, config);
    }

    @Benchmark
    public List<SignatureResult> verify() {
        return verifier.verify(signed);
    }

    /** Messages as a mail client writes them: headers, then text lines of 76 characters (as dkimpy_rate.py). */
    public static final class Messages {
        private Messages() {
        }

        public static byte[] ofSize(int bytes) {
            StringBuilder text = new StringBuilder()
                .append("From: Alice <alice@example.org>\r\n")
                .append("To: Bob <bob@remote.example>\r\n")
                .append("Subject: A benchmark message\r\n")
                .append("Date: Sun, 29 Nov 2026 12:00:00 +0000\r\n")
                .append("Message-ID: <bench@example.org>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n")
                .append("\r\n");
            String line = "The quick brown fox jumps over the lazy dog, and then over it again.   \r\n";
            while (text.length() < bytes) {
                text.append(line);
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }
}
