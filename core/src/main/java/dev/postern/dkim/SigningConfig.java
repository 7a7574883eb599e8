package dev.postern.dkim;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to sign: which domain and key, which algorithms, which header fields.
 * Build one with {@link #builder(String, String, PrivateKey)}.
 *
 * @param domain d=
 * @param selector s=
 * @param algorithm a=, from the key type unless set
 * @param privateKey the RSA (2048 bits or more recommended, 1024 at least) or Ed25519 private key
 * @param headerCanonicalization default relaxed
 * @param bodyCanonicalization default relaxed
 * @param headers the header field names to sign when present
 * @param oversign names signed once more than they occur, so that none can be added (RFC 6376 section 8.15)
 * @param expiry when present, x= is set this long after t=
 * @param identity i=, when present; must be in d= or a subdomain of it
 */
public record SigningConfig(
    String domain,
    String selector,
    SigningAlgorithm algorithm,
    PrivateKey privateKey,
    Canonicalization headerCanonicalization,
    Canonicalization bodyCanonicalization,
    List<String> headers,
    Set<String> oversign,
    Optional<Duration> expiry,
    Optional<String> identity) {

    /**
     * Fields worth signing when present (RFC 6376 section 5.4.1): those that carry the meaning
     * of the message and those that decide how it is shown. List-* fields present are added too.
     */
    public static final List<String> DEFAULT_HEADERS = List.of(
        "From", "Sender", "Reply-To", "Subject", "Date", "Message-ID", "To", "Cc",
        "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
        "Content-ID", "Content-Description", "Content-Disposition", "Content-Language",
        "Resent-Date", "Resent-From", "Resent-Sender", "Resent-To", "Resent-Cc", "Resent-Message-ID",
        "List-Id", "List-Help", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Subscribe",
        "List-Post", "List-Owner", "List-Archive", "Feedback-ID", "Autocrypt", "OpenPGP");

    /** Signed once more than they occur: an attacker cannot add a second one (RFC 6376 section 8.15). */
    public static final Set<String> DEFAULT_OVERSIGN = Set.of("From", "To", "Subject", "Date");

    public SigningConfig {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        domain = domain.toLowerCase(Locale.ROOT);
        headers = List.copyOf(headers);
        oversign = Set.copyOf(oversign);
        if (algorithm == SigningAlgorithm.RSA_SHA1) {
            throw new IllegalArgumentException("rsa-sha1 must not be used to sign; use rsa-sha256 or ed25519-sha256 (RFC 8301 section 3.1)");
        }
        String keyAlgorithm = privateKey.getAlgorithm();
        boolean keyMatches = algorithm == SigningAlgorithm.RSA_SHA256 ? keyAlgorithm.equals("RSA")
            : keyAlgorithm.equals("Ed25519") || keyAlgorithm.equals("EdDSA");
        if (!keyMatches) {
            throw new IllegalArgumentException("a " + keyAlgorithm + " key cannot sign " + algorithm.tagValue()
                + "; give an RSA key for rsa-sha256 or an Ed25519 key for ed25519-sha256");
        }
        if (headers.stream().noneMatch(h -> h.equalsIgnoreCase("From"))) {
            throw new IllegalArgumentException("the header list must include From (RFC 6376 section 5.4)");
        }
        if (identity.isPresent()) {
            String i = identity.get();
            String identityDomain = i.substring(i.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!i.contains("@") || !(identityDomain.equals(domain) || identityDomain.endsWith("." + domain))) {
                throw new IllegalArgumentException("identity " + i + " must be [local]@" + domain + " or @ a subdomain of it (RFC 6376 section 3.5, i=)");
            }
        }
        expiry.ifPresent(e -> {
            if (e.isNegative() || e.isZero()) {
                throw new IllegalArgumentException("expiry must be positive, e.g. Duration.ofDays(7)");
            }
        });
    }

    public static Builder builder(String domain, String selector, PrivateKey privateKey) {
        return new Builder(domain, selector, privateKey);
    }

    boolean oversigns(String name) {
        return oversign.stream().anyMatch(o -> o.equalsIgnoreCase(name));
    }

    /** Defaults: relaxed/relaxed, {@link #DEFAULT_HEADERS}, {@link #DEFAULT_OVERSIGN}, no expiry, no i=. */
    public static final class Builder {
        private final String domain;
        private final String selector;
        private final PrivateKey privateKey;
        private SigningAlgorithm algorithm;
        private Canonicalization headerCanonicalization = Canonicalization.RELAXED;
        private Canonicalization bodyCanonicalization = Canonicalization.RELAXED;
        private List<String> headers = DEFAULT_HEADERS;
        private Set<String> oversign = DEFAULT_OVERSIGN;
        private Duration expiry;
        private String identity;

        private Builder(String domain, String selector, PrivateKey privateKey) {
            this.domain = domain;
            this.selector = selector;
            this.privateKey = privateKey;
            this.algorithm = privateKey.getAlgorithm().equals("RSA") ? SigningAlgorithm.RSA_SHA256 : SigningAlgorithm.ED25519_SHA256;
        }

        public Builder algorithm(SigningAlgorithm value) {
            this.algorithm = value;
            return this;
        }

        /** Both header and body canonicalization. */
        public Builder canonicalization(Canonicalization header, Canonicalization body) {
            this.headerCanonicalization = header;
            this.bodyCanonicalization = body;
            return this;
        }

        public Builder headers(List<String> value) {
            this.headers = value;
            return this;
        }

        public Builder oversign(Set<String> value) {
            this.oversign = value.stream().collect(Collectors.toUnmodifiableSet());
            return this;
        }

        public Builder expiry(Duration value) {
            this.expiry = value;
            return this;
        }

        public Builder identity(String value) {
            this.identity = value;
            return this;
        }

        public SigningConfig build() {
            return new SigningConfig(domain, selector, algorithm, privateKey, headerCanonicalization, bodyCanonicalization,
                headers, oversign, Optional.ofNullable(expiry), Optional.ofNullable(identity));
        }
    }
}
