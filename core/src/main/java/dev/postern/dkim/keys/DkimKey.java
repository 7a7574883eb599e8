package dev.postern.dkim.keys;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.postern.dkim.SigningAlgorithm;
import dev.postern.dkim.SigningConfig;

/**
 * One selector of a domain. {@link #toString()} never shows the private key.
 *
 * @param domain d=, lower case
 * @param selector s=
 * @param algorithm rsa-sha256 or ed25519-sha256
 * @param privateKey the signing key
 * @param txtRecord the value to publish at {@link #txtName()}, e.g. {@code v=DKIM1; k=ed25519; p=...}
 * @param state NEXT, ACTIVE or RETIRED
 * @param created when the key was made
 * @param retired when it stopped signing, for RETIRED keys
 */
public record DkimKey(
    String domain,
    String selector,
    SigningAlgorithm algorithm,
    PrivateKey privateKey,
    String txtRecord,
    KeyState state,
    Instant created,
    Optional<Instant> retired) {

    public DkimKey {
        domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(txtRecord, "txtRecord");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(retired, "retired");
        if (!DkimKeyStore.isValidSelector(selector)) {
            throw new IllegalArgumentException("selector '" + selector + "' is not a DNS label sequence (letters, digits, '-', '.')");
        }
    }

    /** The DNS name of the key record (RFC 6376 section 3.6.2.1), without a trailing dot. */
    public String txtName() {
        return selector + "._domainkey." + domain;
    }

    public DkimKey withState(KeyState newState, Optional<Instant> newRetired) {
        return new DkimKey(domain, selector, algorithm, privateKey, txtRecord, newState, created, newRetired);
    }

    /** The engine's configuration to sign with this key, with the engine's defaults. */
    public SigningConfig signingConfig() {
        return SigningConfig.builder(domain, selector, privateKey).algorithm(algorithm).build();
    }

    @Override
    public String toString() {
        return "DkimKey[" + txtName() + " " + algorithm.tagValue() + " " + state + " created " + created
            + retired.map(r -> " retired " + r).orElse("") + "]";
    }
}
