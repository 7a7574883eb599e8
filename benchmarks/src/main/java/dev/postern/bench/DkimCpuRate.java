package dev.postern.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import dev.postern.bench.jmh.DkimBenchmark;
import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.DkimSigner;
import dev.postern.dkim.SignatureProviders;
import dev.postern.dkim.SigningAlgorithm;
import dev.postern.dkim.SigningConfig;

/**
 * DKIM signing per CPU second of the signing thread, the divisor {@code openssl speed} uses by
 * default (user CPU time), so that the ratio to OpenSSL holds on a machine others are loading,
 * where JMH's wall-clock rates mostly measure the neighbours. For each algorithm: the raw JCA
 * signature (native provider and JDK), then whole DKIM signing (relaxed/relaxed, default headers)
 * of 2 KB, 20 KB and 1 MB messages through both.
 *
 * <pre>./postern bench dkim [SECONDS]     (default 3 CPU seconds per line, after as long a warm-up)</pre>
 */
public final class DkimCpuRate {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DkimCpuRate() {
    }

    public static void main(String[] arguments) throws Exception {
        double seconds = arguments.length > 0 ? Double.parseDouble(arguments[0]) : 3;
        System.out.println("DKIM signing per CPU second of the signing thread; " + SignatureProviders.preferNative().describe());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("header data".getBytes(StandardCharsets.US_ASCII));
        for (SigningAlgorithm algorithm : List.of(SigningAlgorithm.RSA_SHA256, SigningAlgorithm.ED25519_SHA256)) {
            KeyPair keys = algorithm == SigningAlgorithm.RSA_SHA256 ? DkimKeys.generateRsa() : DkimKeys.generateEd25519();
            String jca = algorithm == SigningAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519";
            Signature nativeRaw = Signature.getInstance(jca, AmazonCorrettoCryptoProvider.INSTANCE);
            Signature jdkRaw = Signature.getInstance(jca);
            print(algorithm, "raw signature", "native", rate(seconds, () -> raw(nativeRaw, keys, digest)));
            print(algorithm, "raw signature", "jdk", rate(seconds, () -> raw(jdkRaw, keys, digest)));
            SigningConfig config = SigningConfig.builder("example.org", "bench", keys.getPrivate()).algorithm(algorithm).build();
            for (int size : new int[] {2048, 20480, 1048576}) {
                byte[] message = DkimBenchmark.Messages.ofSize(size);
                for (String providers : List.of("native", "jdk")) {
                    DkimSigner signer = new DkimSigner(Clock.systemUTC(),
                        providers.equals("native") ? SignatureProviders.preferNative() : SignatureProviders.jdk());
                    print(algorithm, "DKIM sign " + size + " B", providers, rate(seconds, () -> signer.sign(message, config)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average: %s on %d cores%n",
            new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")), StandardCharsets.US_ASCII).trim(),
            Runtime.getRuntime().availableProcessors());
    }

    private static byte[] raw(Signature signature, KeyPair keys, byte[] digest) throws Exception {
        signature.initSign(keys.getPrivate());
        signature.update(digest);
        return signature.sign();
    }

    private static void print(SigningAlgorithm algorithm, String what, String providers, double rate) {
        System.out.printf(Locale.ROOT, "%-15s %-22s %-7s %,10.0f /CPU s%n", algorithm.tagValue(), what, providers, rate);
    }

    /** Operations per CPU second of this thread, after a warm-up of the same CPU time. */
    private static double rate(double seconds, Callable<?> operation) throws Exception {
        run(seconds, operation);
        return run(seconds, operation);
    }

    private static double run(double seconds, Callable<?> operation) throws Exception {
        long budget = (long) (seconds * 1e9);
        long start = THREADS.getCurrentThreadCpuTime();
        long count = 0;
        long used;
        do {
            for (int i = 0; i < 10; i++) {
                operation.call();
            }
            count += 10;
            used = THREADS.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        return count / (used / 1e9);
    }
}
