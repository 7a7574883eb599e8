package dev.postern.score;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the SPF, DKIM and DMARC checks concluded, as plain data. The engines that compute them
 * live elsewhere; the caller translates their results with {@link #of(String, String, String, String)}
 * from the result words of RFC 8601 (Authentication-Results).
 *
 * @param spf the SPF result of the envelope sender (RFC 7208 section 2.6)
 * @param dkim the best DKIM result over the signatures (RFC 6376 section 3.9, RFC 8601 section 2.7.1)
 * @param dmarc the DMARC result (RFC 7489 section 11.2)
 * @param dmarcPolicy the policy the From domain published, meaningful when {@code dmarc} is FAIL
 * @param dkimPassDomains the d= domains of the signatures that verified, lower case (the sender
 *                        reputation rule judges the From domain by them when aligned)
 */
public record AuthResults(Spf spf, Dkim dkim, Dmarc dmarc, DmarcPolicy dmarcPolicy, List<String> dkimPassDomains) {

    /** Nothing checked: every result NONE. */
    public static final AuthResults NONE = new AuthResults(Spf.NONE, Dkim.NONE, Dmarc.NONE, DmarcPolicy.NONE);

    public AuthResults {
        Objects.requireNonNull(spf, "spf");
        Objects.requireNonNull(dkim, "dkim");
        Objects.requireNonNull(dmarc, "dmarc");
        Objects.requireNonNull(dmarcPolicy, "dmarcPolicy");
        dkimPassDomains = dkimPassDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /** Results without the signing domains of the verified signatures. */
    public AuthResults(Spf spf, Dkim dkim, Dmarc dmarc, DmarcPolicy dmarcPolicy) {
        this(spf, dkim, dmarc, dmarcPolicy, List.of());
    }

    /** The same results, with the d= domains of the signatures that verified. */
    public AuthResults withDkimPassDomains(List<String> domains) {
        return new AuthResults(spf, dkim, dmarc, dmarcPolicy, domains);
    }

    /** SPF results, RFC 7208 section 2.6. */
    public enum Spf {
        /** The client is authorized. */
        PASS,
        /** The client is explicitly not authorized ("-all"). */
        FAIL,
        /** Probably not authorized ("~all"). */
        SOFTFAIL,
        /** The domain makes no statement ("?all"). */
        NEUTRAL,
        /** No SPF record, or no domain to check. */
        NONE,
        /** A transient DNS error. */
        TEMPERROR,
        /** The record could not be interpreted. */
        PERMERROR
    }

    /** DKIM results, RFC 8601 section 2.7.1. */
    public enum Dkim {
        /** A signature verified. */
        PASS,
        /** Signatures were present and none verified. */
        FAIL,
        /** The message was not signed. */
        NONE,
        /** A key could not be fetched for now. */
        TEMPERROR,
        /** A signature or key is unusable. */
        PERMERROR
    }

    /** DMARC results, RFC 7489 section 11.2. */
    public enum Dmarc {
        /** SPF or DKIM passed aligned with the From domain. */
        PASS,
        /** No aligned pass. */
        FAIL,
        /** The From domain publishes no DMARC record. */
        NONE,
        /** A transient DNS error. */
        TEMPERROR,
        /** The record could not be interpreted. */
        PERMERROR
    }

    /** The p= (or sp=) policy of the From domain, RFC 7489 section 6.3. */
    public enum DmarcPolicy {
        /** p=none: monitoring only. */
        NONE,
        /** p=quarantine: treat as suspicious. */
        QUARANTINE,
        /** p=reject: refuse. */
        REJECT
    }

    /**
     * Builds the results from their words, case-insensitive. Unknown or null words read as NONE,
     * except RFC 8601's aliases: "hardfail" is SPF fail; "policy" and "neutral" are DKIM fail.
     */
    public static AuthResults of(String spf, String dkim, String dmarc, String dmarcPolicy) {
        return new AuthResults(spfOf(spf), dkimOf(dkim), dmarcOf(dmarc), policyOf(dmarcPolicy));
    }

    private static String word(String text) {
        return text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    }

    static Spf spfOf(String text) {
        String word = word(text);
        if (word.equals("HARDFAIL")) {
            return Spf.FAIL;
        }
        for (Spf value : Spf.values()) {
            if (value.name().equals(word)) {
                return value;
            }
        }
        return Spf.NONE;
    }

    static Dkim dkimOf(String text) {
        String word = word(text);
        if (word.equals("POLICY") || word.equals("NEUTRAL")) {
            return Dkim.FAIL;
        }
        for (Dkim value : Dkim.values()) {
            if (value.name().equals(word)) {
                return value;
            }
        }
        return Dkim.NONE;
    }

    static Dmarc dmarcOf(String text) {
        String word = word(text);
        for (Dmarc value : Dmarc.values()) {
            if (value.name().equals(word)) {
                return value;
            }
        }
        return Dmarc.NONE;
    }

    static DmarcPolicy policyOf(String text) {
        String word = word(text);
        for (DmarcPolicy value : DmarcPolicy.values()) {
            if (value.name().equals(word)) {
                return value;
            }
        }
        return DmarcPolicy.NONE;
    }
}
