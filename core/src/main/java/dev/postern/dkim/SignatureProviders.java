package dev.postern.dkim;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Which JCA provider computes DKIM's signatures (RFC 6376 section 3.3, RFC 8463 section 3).
 *
 * <p>{@link #preferNative()}, the default of {@link DkimSigner} and {@link DkimVerifier}: the
 * Amazon Corretto Crypto Provider (AWS-LC, native code) for every algorithm it offers, when its
 * native library loads on this machine (the jar shipped carries the one for Linux x86_64); the
 * JDK's own providers otherwise, and for any key the native provider refuses. The native provider
 * signs RSA-2048 about twice as fast as the JDK and Ed25519 about twenty times (BENCHMARKS.md).
 * Which provider signs is logged once, at INFO.
 *
 * <p>The native provider is only ever used through explicit instances
 * ({@code Signature.getInstance(name, provider)}); it is never installed as a provider of the
 * whole JVM, so James's TLS and every other use of JCA keep the JDK's providers.
 *
 * <p>Both compute the same thing: RSASSA-PKCS1-v1_5 and Ed25519 signatures are deterministic, so
 * the two give the same octets for the same key and data (SignatureProvidersTest checks it).
 */
public final class SignatureProviders {

    private static final Logger LOGGER = LoggerFactory.getLogger(SignatureProviders.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();
    private static final SignatureProviders JDK = new SignatureProviders(Optional.empty(), "the JDK's providers");
    private static final SignatureProviders PREFER_NATIVE = loadNative();
    private static final Keys KEYS = new Keys();
    private static final ThreadLocal<Map<String, Signature>> INSTANCES = ThreadLocal.withInitial(HashMap::new);

    /** The native provider, when it loaded; the JDK's providers are used where it is empty. */
    private final Optional<Provider> nativeProvider;
    private final String description;

    private SignatureProviders(Optional<Provider> nativeProvider, String description) {
        this.nativeProvider = nativeProvider;
        this.description = description;
    }

    /** The native provider where it works here, the JDK's providers elsewhere. */
    public static SignatureProviders preferNative() {
        if (LOGGED.compareAndSet(false, true)) {
            LOGGER.info("DKIM signs and verifies with {}", PREFER_NATIVE.describe());
        }
        return PREFER_NATIVE;
    }

    /** The JDK's providers only (e.g. to compare with the native one). */
    public static SignatureProviders jdk() {
        return JDK;
    }

    /** True when the native provider loaded and offers {@code algorithm}. */
    public boolean isNative(SigningAlgorithm algorithm) {
        return nativeProvider.filter(provider -> provider.getService("Signature", jcaName(algorithm)) != null).isPresent();
    }

    /** Which provider computes each algorithm, and why not the native one where it does not. */
    public String describe() {
        Map<SigningAlgorithm, String> byAlgorithm = new EnumMap<>(SigningAlgorithm.class);
        for (SigningAlgorithm algorithm : new SigningAlgorithm[] {SigningAlgorithm.RSA_SHA256, SigningAlgorithm.ED25519_SHA256}) {
            byAlgorithm.put(algorithm, isNative(algorithm) ? nativeProvider.get().getName() + " " + nativeProvider.get().getVersionStr()
                : "the JDK");
        }
        return byAlgorithm.entrySet().stream().map(e -> e.getKey().tagValue() + ": " + e.getValue())
            .collect(Collectors.joining(", ")) + (nativeProvider.isPresent() ? "" : " (" + description + ")");
    }

    byte[] sign(SigningAlgorithm algorithm, PrivateKey key, byte[] data) throws GeneralSecurityException {
        PrivateKey kept = KEYS.intern(key);
        if (isNative(algorithm)) {
            try {
                return sign(instance(algorithm, Use.SIGN, nativeProvider), kept, data);
            } catch (InvalidKeyException refused) {
                // A key form the native provider does not take: the JDK signs it the same way.
                LOGGER.debug("{} refused the {} key ({}); signing with the JDK", nativeProvider.get().getName(), algorithm.tagValue(),
                    refused.getMessage());
            }
        }
        return sign(instance(algorithm, Use.SIGN, Optional.empty()), kept, data);
    }

    boolean verify(SigningAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        PublicKey kept = KEYS.intern(key);
        if (isNative(algorithm)) {
            try {
                return verify(instance(algorithm, Use.VERIFY, nativeProvider), kept, data, signature);
            } catch (InvalidKeyException refused) {
                LOGGER.debug("{} refused the {} key ({}); verifying with the JDK", nativeProvider.get().getName(), algorithm.tagValue(),
                    refused.getMessage());
            }
        }
        return verify(instance(algorithm, Use.VERIFY, Optional.empty()), kept, data, signature);
    }

    private enum Use { SIGN, VERIFY }

    /**
     * This thread's Signature for the algorithm, use and provider. Kept, not made anew: the
     * native provider converts a Java key object into its own form at initSign, and skips that
     * (as costly as an Ed25519 signature) when the same key object comes back to the same
     * instance, which {@link Keys#intern} makes happen even when the key store reads the key
     * again for each message.
     */
    private Signature instance(SigningAlgorithm algorithm, Use use, Optional<Provider> provider) throws GeneralSecurityException {
        String slot = algorithm.name() + "/" + use + "/" + provider.map(Provider::getName).orElse("JDK");
        Map<String, Signature> mine = INSTANCES.get();
        Signature signature = mine.get(slot);
        if (signature == null) {
            signature = provider.isPresent() ? Signature.getInstance(jcaName(algorithm), provider.get()) : Signature.getInstance(jcaName(algorithm));
            mine.put(slot, signature);
        }
        return signature;
    }

    private static byte[] sign(Signature signer, PrivateKey key, byte[] data) throws GeneralSecurityException {
        signer.initSign(key);
        signer.update(data);
        return signer.sign();
    }

    private static boolean verify(Signature verifier, PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        verifier.initVerify(key);
        verifier.update(data);
        try {
            return verifier.verify(signature);
        } catch (SignatureException malformed) {
            return false; // a signature of the wrong length or encoding simply does not verify
        }
    }

    /** One object per key (keys are equal when their encodings are), so that a kept Signature recognises its key. */
    private static final class Keys {
        /** Signing keys and the public keys of verified signers; the set is dropped whole beyond this. */
        private static final int KEPT = 4096;
        private final Map<Key, Key> kept = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        <K extends Key> K intern(K key) {
            if (kept.size() >= KEPT) {
                kept.clear();
            }
            Key first = kept.putIfAbsent(key, key);
            return first == null ? key : (K) first;
        }
    }

    /** The JCA names; RSA signs the data, Ed25519 (PureEdDSA) the SHA-256 hash the caller made (RFC 8463 section 3). */
    private static String jcaName(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_SHA256 -> "SHA256withRSA";
            case ED25519_SHA256 -> "Ed25519";
            case RSA_SHA1 -> throw new IllegalArgumentException("rsa-sha1 is not used (RFC 8301 section 3.1)");
        };
    }

    /** ACCP, if its class is on the class path, its native library loads and its self-tests pass. */
    private static SignatureProviders loadNative() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                return fallback("AmazonCorrettoCryptoProvider's native library did not load on " + platform() + ": "
                    + provider.getLoadingError());
            }
            provider.assertHealthy();
            return new SignatureProviders(Optional.of(provider), provider.getName() + " " + provider.getVersionStr()
                + " (AWS-LC " + provider.getAwsLcVersionStr() + ")");
        } catch (LinkageError | RuntimeException e) {
            return fallback("AmazonCorrettoCryptoProvider is not usable on " + platform() + ": " + e);
        }
    }

    private static SignatureProviders fallback(String why) {
        return new SignatureProviders(Optional.empty(), "the JDK's providers: " + why
            + "; the jar of the distribution carries the native library for Linux x86_64 only");
    }

    private static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
