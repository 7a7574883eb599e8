package dev.postern.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.postern.dkim.DkimKeys;

/**
 * The JDK's own signature rates for the keys DKIM uses, beside {@code openssl speed}: what
 * DkimBenchmark.sign costs beyond the raw signature is Postern's (hashing, canonicalization).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RawSignatureBenchmark {

    private KeyPair rsa;
    private KeyPair ed25519;
    private byte[] digest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        rsa = DkimKeys.generateRsa();
        ed25519 = DkimKeys.generateEd25519();
        digest = MessageDigest.getInstance("SHA-256").digest("header data".getBytes(StandardCharsets.US_ASCII));
    }

    @Benchmark
    public byte[] rsa2048Sha256() throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(rsa.getPrivate());
        signature.update(digest);
        return signature.sign();
    }

    @Benchmark
    public byte[] ed25519() throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(ed25519.getPrivate());
        signature.update(digest);
        return signature.sign();
    }
}
