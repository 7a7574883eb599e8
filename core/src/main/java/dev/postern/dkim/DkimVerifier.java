package dev.postern.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.postern.dns.Resolver;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376 section 6), each on its own, with key
 * records fetched through the injected {@link Resolver} and time from the injected {@link Clock}.
 *
 * <p>Use, e.g. from a mailet; instances are immutable and safe to share between threads:
 * <pre>{@code
 * DkimVerifier verifier = new DkimVerifier(resolver);          // or (resolver, clock, options)
 * List<SignatureResult> results = verifier.verify(rawMessage);  // one per DKIM-Signature
 * DkimResult word = DkimVerifier.overall(results);              // NONE when unsigned
 * }</pre>
 *
 * <p>Choices where the RFCs leave one:
 * <ul>
 * <li>l= (body length): by default a signature whose l= leaves part of the body unsigned is
 *     {@link DkimResult#POLICY}, because anyone could have appended content (RFC 6376 section 8.2);
 *     an l= covering the whole body is harmless and verifies normally.
 *     {@link Options#honourBodyLength()} turns the check off.</li>
 * <li>A revoked key (empty p=) is {@link DkimResult#PERMERROR}: it will not start to verify later.</li>
 * <li>An expired signature (x= passed) is {@link DkimResult#FAIL}; a t= in the future beyond
 *     {@link #CLOCK_SKEW} is {@link DkimResult#POLICY} (RFC 6376 section 3.5: verifiers MAY ignore it).</li>
 * <li>DNS that does not answer is {@link DkimResult#TEMPERROR}, never FAIL.</li>
 * </ul>
 */
public final class DkimVerifier {

    /** RFC 6376 section 6.1: verifiers SHOULD limit how many signatures they try; more are NEUTRAL. */
    public static final int DEFAULT_MAX_SIGNATURES = 10;
    /** RFC 8301 section 3.2: RSA keys of fewer bits MUST NOT be considered valid. */
    public static final int MIN_RSA_BITS = 1024;
    /** Bounds the cost of one verification; RFC 8301 section 3.2 asks verifiers to handle up to 4096. */
    public static final int MAX_RSA_BITS = 8192;
    /** Clocks of signers and verifiers differ; a t= this far ahead is still accepted (RFC 6376 section 3.5, t=). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    /**
     * @param honourBodyLength accept l= that leaves part of the body unsigned (not recommended)
     * @param maxSignatures signatures checked per message; the rest are NEUTRAL
     */
    public record Options(boolean honourBodyLength, int maxSignatures) {

        public Options {
            if (maxSignatures < 1) {
                throw new IllegalArgumentException("maxSignatures must be at least 1, e.g. " + DEFAULT_MAX_SIGNATURES);
            }
        }

        public static Options defaults() {
            return new Options(false, DEFAULT_MAX_SIGNATURES);
        }
    }

    private final Resolver resolver;
    private final Clock clock;
    private final Options options;
    private final SignatureProviders providers;

    public DkimVerifier(Resolver resolver) {
        this(resolver, Clock.systemUTC(), Options.defaults());
    }

    public DkimVerifier(Resolver resolver, Clock clock, Options options) {
        this(resolver, clock, options, SignatureProviders.preferNative());
    }

    /** @param providers computes the signatures, {@link SignatureProviders#preferNative()} by default */
    public DkimVerifier(Resolver resolver, Clock clock, Options options, SignatureProviders providers) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    /**
     * One result per DKIM-Signature header field, top first; an empty list when there is none
     * (see {@link #overall(List)} for a single word).
     *
     * @param message the raw RFC 5322 message, CRLF line ends (bare LF is read as CRLF)
     */
    public List<SignatureResult> verify(byte[] message) {
        Message parsed = Message.parse(message);
        List<SignatureResult> results = new ArrayList<>();
        for (Message.HeaderField field : parsed.headers()) {
            if (!field.hasName(DkimSignature.HEADER_NAME)) {
                continue;
            }
            if (results.size() >= options.maxSignatures()) {
                results.add(new SignatureResult(DkimResult.NEUTRAL, "not checked: more than " + options.maxSignatures()
                    + " signatures", "", "", "", "", "", false));
                continue;
            }
            results.add(verifyOne(parsed, field));
        }
        return List.copyOf(results);
    }

    /**
     * One word for the message: NONE without signatures, PASS if any signature passed, else the
     * most telling of the others (TEMPERROR, then FAIL, POLICY, PERMERROR, NEUTRAL).
     */
    public static DkimResult overall(List<SignatureResult> results) {
        if (results.isEmpty()) {
            return DkimResult.NONE;
        }
        for (DkimResult result : List.of(DkimResult.PASS, DkimResult.TEMPERROR, DkimResult.FAIL, DkimResult.POLICY, DkimResult.PERMERROR)) {
            if (results.stream().anyMatch(r -> r.result() == result)) {
                return result;
            }
        }
        return DkimResult.NEUTRAL;
    }

    /** Thrown inside one signature's check to end it with a result. */
    private static final class Outcome extends Exception {
        private static final long serialVersionUID = 1L;
        final DkimResult result;

        Outcome(DkimResult result, String reason) {
            super(reason, null, false, false);
            this.result = result;
        }
    }

    private SignatureResult verifyOne(Message message, Message.HeaderField field) {
        DkimSignature signature;
        try {
            // RFC 6376 section 6.1.1: a signature that does not parse is PERMFAIL.
            signature = DkimSignature.parse(field.value());
        } catch (DkimSyntaxException e) {
            TagList tags = lenientTags(field.value());
            return new SignatureResult(DkimResult.PERMERROR, e.getMessage(), tags.get("d").orElse(""), tags.get("s").orElse(""),
                tags.get("a").orElse(""), tags.get("i").orElse(""), prefix(tags.get("b").orElse("")), false);
        }
        KeyRecord[] key = new KeyRecord[1];
        DkimResult result;
        String reason;
        try {
            reason = check(message, field, signature, key);
            result = DkimResult.PASS;
        } catch (Outcome outcome) {
            result = outcome.result;
            reason = outcome.getMessage();
        } catch (RuntimeException unexpected) {
            // A defect of ours must not stop the mail nor blame the signer: "could not be processed".
            result = DkimResult.NEUTRAL;
            reason = "not checked: " + unexpected;
        }
        return new SignatureResult(result, reason, signature.domain(), signature.selector(), signature.algorithm().tagValue(),
            signature.identity(), prefix(signature.tags().get("b").orElse("")), key[0] != null && key[0].isTesting());
    }

    private String check(Message message, Message.HeaderField field, DkimSignature signature, KeyRecord[] keyOut) throws Outcome {
        // RFC 8301 section 3.1: verifiers MUST NOT consider rsa-sha1 signatures valid.
        if (signature.algorithm() == SigningAlgorithm.RSA_SHA1) {
            throw new Outcome(DkimResult.PERMERROR, "rsa-sha1 is no longer accepted (RFC 8301 section 3.1); the signer must use rsa-sha256");
        }
        long now = clock.instant().getEpochSecond();
        // RFC 6376 section 3.5 (x=): past the expiry the signature is invalid.
        if (signature.expiration().isPresent() && signature.expiration().getAsLong() < now) {
            throw new Outcome(DkimResult.FAIL, "signature expired at x=" + signature.expiration().getAsLong());
        }
        if (signature.timestamp().isPresent() && signature.timestamp().getAsLong() > now + CLOCK_SKEW.getSeconds()) {
            throw new Outcome(DkimResult.POLICY, "t=" + signature.timestamp().getAsLong() + " is in the future");
        }

        KeyRecord key = fetchKey(signature);
        keyOut[0] = key;
        PublicKey publicKey = checkKey(signature, key);

        // RFC 6376 section 6.1.3: body hash first.
        byte[] body = SignedData.canonicalBody(message, signature.bodyCanonicalization());
        int length = body.length;
        if (signature.bodyLength().isPresent()) {
            long declared = signature.bodyLength().getAsLong();
            if (declared > body.length) {
                throw new Outcome(DkimResult.FAIL, "l=" + declared + " is longer than the " + body.length + "-octet canonicalized body");
            }
            length = (int) declared;
        }
        byte[] bodyHash = length == body.length ? message.bodyHash(signature.bodyCanonicalization()) : SignedData.sha256(body, length);
        if (!MessageDigest.isEqual(bodyHash, signature.bodyHash())) {
            throw new Outcome(DkimResult.FAIL, "body hash did not verify");
        }
        byte[] headerData = SignedData.headerData(message, signature.signedHeaders(), signature.headerCanonicalization(), field.raw());
        boolean valid;
        try {
            valid = SignedData.verify(providers, signature.algorithm(), publicKey, headerData, signature.signature());
        } catch (GeneralSecurityException e) {
            throw new Outcome(DkimResult.PERMERROR, "cannot verify with the key at " + signature.keyName() + ": " + e.getMessage());
        }
        if (!valid) {
            throw new Outcome(DkimResult.FAIL, "signature did not verify: signed header fields changed or wrong key");
        }
        if (length < body.length && !options.honourBodyLength()) {
            throw new Outcome(DkimResult.POLICY, "l=" + length + " leaves " + (body.length - length)
                + " octets of the body unsigned (RFC 6376 section 8.2)");
        }
        return "signature verified";
    }

    /** RFC 6376 section 6.1.2: fetch the key record; no record is PERMFAIL, no answer is TEMPFAIL. */
    private KeyRecord fetchKey(DkimSignature signature) throws Outcome {
        String name = signature.keyName();
        Resolver.Lookup<String> lookup = resolver.txt(name);
        switch (lookup.status()) {
            case TEMPORARY_FAILURE:
                throw new Outcome(DkimResult.TEMPERROR, "DNS lookup of the key at " + name + " failed; try again later");
            case NXDOMAIN:
            case NO_RECORDS:
                throw new Outcome(DkimResult.PERMERROR, "no key record at " + name);
            default:
                break;
        }
        // RFC 6376 section 6.1.2: with several records the verifier may pick; take the first that parses.
        String firstError = null;
        for (String text : lookup.records()) {
            try {
                return KeyRecord.parse(text);
            } catch (DkimSyntaxException e) {
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        throw new Outcome(DkimResult.PERMERROR, "key record at " + name + " is invalid: " + firstError);
    }

    /** RFC 6376 section 6.1.2 steps 5 to 8, RFC 8301 section 3.2. */
    private static PublicKey checkKey(DkimSignature signature, KeyRecord key) throws Outcome {
        String name = signature.keyName();
        if (key.isRevoked()) {
            throw new Outcome(DkimResult.PERMERROR, "key at " + name + " is revoked (empty p=)");
        }
        if (SigningAlgorithm.fromKeyType(key.keyType()).isEmpty()) {
            throw new Outcome(DkimResult.PERMERROR, "key at " + name + " is k=" + key.keyType()
                + "; k=" + key.keyType() + " is not a key type this verifier knows (rsa, ed25519)");
        }
        if (!key.keyType().equals(signature.algorithm().keyType())) {
            throw new Outcome(DkimResult.PERMERROR, "key at " + name + " is k=" + key.keyType() + " but the signature is a="
                + signature.algorithm().tagValue());
        }
        if (!key.hashAlgorithms().isEmpty() && !key.hashAlgorithms().contains(signature.algorithm().hashName())) {
            throw new Outcome(DkimResult.PERMERROR, "key at " + name + " allows h=" + String.join(":", key.hashAlgorithms())
                + ", not " + signature.algorithm().hashName());
        }
        if (!key.serviceTypes().contains("*") && !key.serviceTypes().contains("email")) {
            throw new Outcome(DkimResult.PERMERROR, "key at " + name + " is for s=" + String.join(":", key.serviceTypes())
                + ", not email");
        }
        // RFC 6376 section 3.6.1 (t=s): i= must not be a subdomain of d=.
        if (key.forbidsSubdomains() && !signature.identityDomain().equals(signature.domain())) {
            throw new Outcome(DkimResult.PERMERROR, "key at " + name + " has t=s but i=" + signature.identity()
                + " is in a subdomain of d=" + signature.domain());
        }
        PublicKey publicKey;
        try {
            publicKey = key.publicKey();
        } catch (GeneralSecurityException e) {
            throw new Outcome(DkimResult.PERMERROR, "key at " + name + " does not hold a usable " + key.keyType() + " key: " + e.getMessage());
        }
        if (publicKey instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new Outcome(DkimResult.PERMERROR, "key at " + name + " has " + bits + " bits; RSA keys under "
                    + MIN_RSA_BITS + " bits are not accepted (RFC 8301 section 3.2)");
            }
            if (bits > MAX_RSA_BITS) {
                throw new Outcome(DkimResult.PERMERROR, "key at " + name + " has " + bits + " bits, more than the " + MAX_RSA_BITS + " checked");
            }
        }
        return publicKey;
    }

    private static TagList lenientTags(String value) {
        try {
            return TagList.parse(value, DkimSignature.HEADER_NAME);
        } catch (DkimSyntaxException e) {
            return TagList.parse("", DkimSignature.HEADER_NAME);
        }
    }

    private static String prefix(String b) {
        String compact = TagList.removeWhitespace(b);
        return compact.length() <= 8 ? compact : compact.substring(0, 8);
    }
}
