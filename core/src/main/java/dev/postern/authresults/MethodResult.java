package dev.postern.authresults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.postern.dmarc.DmarcVerdict;
import dev.postern.spf.SpfVerdict;

/**
 * One resinfo of an Authentication-Results field (RFC 8601 section 2.2): a method, its result,
 * an optional reason and comment, and properties such as {@code smtp.mailfrom} or {@code header.d}.
 *
 * @param method e.g. "spf", "dkim", "dmarc" (RFC 8601 section 2.7; optionally "dkim/1")
 * @param result the method's result keyword, e.g. "pass"
 */
public record MethodResult(String method, String result, Optional<String> reason, Optional<String> comment,
                           List<Property> properties) {

    /** ptype "." property "=" pvalue (RFC 8601 section 2.2, "propspec"). */
    public record Property(String type, String name, String value) {
        public Property {
            Objects.requireNonNull(type);
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }

    public MethodResult {
        method = method.toLowerCase(Locale.ROOT);
        result = result.toLowerCase(Locale.ROOT);
        properties = List.copyOf(properties);
    }

    public static MethodResult of(String method, String result) {
        return new MethodResult(method, result, Optional.empty(), Optional.empty(), List.of());
    }

    /** This result with one more property. */
    public MethodResult with(String type, String name, String value) {
        List<Property> more = new ArrayList<>(properties);
        more.add(new Property(type, name, value));
        return new MethodResult(method, result, reason, comment, more);
    }

    /** This result with a reason (RFC 8601 section 2.2, "reasonspec"). */
    public MethodResult reason(String text) {
        return new MethodResult(method, result, Optional.of(text), comment, properties);
    }

    /** This result with a comment after the result, e.g. "(p=reject dis=none)". */
    public MethodResult comment(String text) {
        return new MethodResult(method, result, reason, Optional.of(text), properties);
    }

    /**
     * spf (RFC 8601 section 2.7.2): smtp.mailfrom with the checked address for the MAIL FROM
     * identity, smtp.helo with the name for the HELO identity.
     */
    public static MethodResult spf(SpfVerdict verdict) {
        MethodResult result = of("spf", verdict.result().keyword());
        if (verdict.identity() == SpfVerdict.Identity.HELO) {
            result = result.with("smtp", "helo", verdict.domain());
        } else {
            result = result.with("smtp", "mailfrom", verdict.sender());
        }
        return verdict.problem().map(result::reason).orElse(result);
    }

    /**
     * dkim (RFC 8601 section 2.7.1; header.a and header.s from RFC 6008/RFC 7410 registry).
     *
     * @param signature the b= value; the first 8 characters are kept to tell signatures apart (RFC 6008 section 4)
     * @param algorithm the a= value, e.g. "rsa-sha256"; null to leave out
     */
    public static MethodResult dkim(String result, String domain, String selector, String algorithm, String signature) {
        return dkim(result, domain, null, selector, algorithm, signature);
    }

    /** As {@link #dkim(String, String, String, String, String)}, with the i= identity (header.i). */
    public static MethodResult dkim(String result, String domain, String identity, String selector, String algorithm,
                                    String signature) {
        MethodResult out = of("dkim", result).with("header", "d", domain);
        if (identity != null && !identity.isEmpty()) {
            out = out.with("header", "i", identity);
        }
        if (selector != null && !selector.isEmpty()) {
            out = out.with("header", "s", selector);
        }
        if (algorithm != null && !algorithm.isEmpty()) {
            out = out.with("header", "a", algorithm);
        }
        if (signature != null && !signature.isEmpty()) {
            String compact = signature.replaceAll("\\s", "");
            out = out.with("header", "b", compact.substring(0, Math.min(8, compact.length())));
        }
        return out;
    }

    /**
     * dmarc (RFC 7489 section 11.2): header.from, and a comment with the requested policy and
     * the disposition, as "(p=reject sp=none dis=quarantine)".
     */
    public static MethodResult dmarc(DmarcVerdict verdict) {
        MethodResult out = of("dmarc", verdict.result().keyword());
        if (verdict.record().isPresent()) {
            var record = verdict.record().get();
            out = out.comment("p=" + record.policy().keyword()
                + record.subdomainPolicy().map(sp -> " sp=" + sp.keyword()).orElse("")
                + " dis=" + verdict.disposition().keyword());
        }
        out = out.with("header", "from", verdict.fromDomain());
        return verdict.result() == dev.postern.dmarc.DmarcResult.PASS ? out
            : verdict.problem().map(out::reason).orElse(out);
    }
}
