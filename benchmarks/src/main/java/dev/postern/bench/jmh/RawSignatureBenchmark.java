package dev.postern.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.conscrypt.Conscrypt;
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
import org.openjdk.jmh.annotations.Warmup;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import dev.postern.dkim.DkimKeys;

/**
 * Raw signature rates of each candidate JCA provider for the keys DKIM uses, beside
 * {@code openssl speed}: the choice of dev.postern.dkim.SignatureProviders rests on these, and
 * what DkimBenchmark.sign costs beyond the raw signature is Postern's (canonicalization, hashing).
 *
 * <p>Keys are JDK key objects, as the DKIM key store reads them from PEM ({@code keys=jdk}), or
 * the provider's own ({@code keys=translated}, through its KeyFactory, where it has one): the
 * difference is what a provider spends converting a foreign key at each signature.
 * Providers: ACCP (AWS-LC, what Postern ships), Conscrypt (BoringSSL), BouncyCastle (which James
 * ships), JDK. A provider without the algorithm fails its benchmark (JMH reports the error).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RawSignatureBenchmark {

    @Param({"ACCP", "JDK", "Conscrypt", "BouncyCastle"})
    public String provider;

    @Param({"jdk", "translated"})
    public String keys;

    private Provider jca;
    private PrivateKey rsa;
    private PrivateKey ed25519;
    private byte[] digest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        jca = switch (provider) {
            case "ACCP" -> AmazonCorrettoCryptoProvider.INSTANCE;
            case "Conscrypt" -> Conscrypt.newProvider();
            case "BouncyCastle" -> new BouncyCastleProvider();
            case "JDK" -> null;
            default -> throw new IllegalArgumentException("provider is ACCP, JDK, Conscrypt or BouncyCastle, not " + provider);
        };
        rsa = key(DkimKeys.generateRsa(), "RSA");
        ed25519 = key(DkimKeys.generateEd25519(), "Ed25519");
        digest = MessageDigest.getInstance("SHA-256").digest("header data".getBytes(StandardCharsets.US_ASCII));
    }

    private PrivateKey key(KeyPair pair, String algorithm) {
        if (jca == null || keys.equals("jdk")) {
            return pair.getPrivate();
        }
        try {
            return (PrivateKey) KeyFactory.getInstance(algorithm, jca).translateKey(pair.getPrivate());
        } catch (Exception noKeyFactory) {
            return pair.getPrivate();
        }
    }

    private Signature signature(String algorithm) throws Exception {
        return jca == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, jca);
    }

    @Benchmark
    public byte[] rsa2048Sha256() throws Exception {
        Signature signature = signature("SHA256withRSA");
        signature.initSign(rsa);
        signature.update(digest);
        return signature.sign();
    }

    @Benchmark
    public byte[] ed25519() throws Exception {
        Signature signature = signature("Ed25519");
        signature.initSign(ed25519);
        signature.update(digest);
        return signature.sign();
    }
}
