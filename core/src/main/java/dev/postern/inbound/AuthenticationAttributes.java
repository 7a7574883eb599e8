package dev.postern.inbound;

import java.util.List;

import dev.postern.dkim.SignatureResult;

/**
 * Names of the mail attributes in which the SMTP hook (or the DkimVerify mailet, in chains
 * without the hook) leaves its results for mailets and matchers, so that nothing is computed
 * twice. Every value is a String, but {@link #DKIM_RESULTS}, a list of Strings.
 */
public final class AuthenticationAttributes {

    /** SPF result keyword of the MAIL FROM identity (or HELO for a null reverse-path): "pass", "fail", ... */
    public static final String SPF_RESULT = "dev.postern.spf.result";
    /** The Received-SPF field value (RFC 7208 section 9.1). */
    public static final String RECEIVED_SPF = "dev.postern.spf.received-spf";
    /** DKIM result for the message as one word: "pass" if any signature verified, "none" without any. */
    public static final String DKIM_RESULT = "dev.postern.dkim.result";
    /**
     * One String per DKIM-Signature, top first: "RESULT DOMAIN SELECTOR ALGORITHM", e.g.
     * "pass example.com sel rsa-sha256" ({@link #dkimResults}); HasDkimResult reads it.
     */
    public static final String DKIM_RESULTS = "dev.postern.dkim.results";
    /** DMARC result keyword: "pass", "fail", "none", "temperror", "permerror". */
    public static final String DMARC_RESULT = "dev.postern.dmarc.result";
    /** The policy the From domain asks for: "none", "quarantine", "reject". */
    public static final String DMARC_POLICY = "dev.postern.dmarc.policy";
    /**
     * What is done with the message: "none", "quarantine" or "reject" after pct sampling and local
     * overrides; "reject" never reaches a mailet, the hook refused the message.
     */
    public static final String DMARC_DISPOSITION = "dev.postern.dmarc.disposition";
    /** Present when a local override (trusted forwarder) lowered the disposition: the reason. */
    public static final String DMARC_OVERRIDE = "dev.postern.dmarc.override";
    /** The Authentication-Results field value (RFC 8601) carrying spf, dkim and dmarc. */
    public static final String AUTHENTICATION_RESULTS = "dev.postern.authentication-results";

    private AuthenticationAttributes() {
    }

    /**
     * The signing domains of the signatures that verified, read back from {@link #DKIM_RESULTS}
     * values (Strings, or objects whose String form is one).
     */
    public static List<String> passingDkimDomains(List<?> values) {
        return values.stream().map(String::valueOf).map(line -> line.split(" "))
            .filter(fields -> fields.length > 1 && fields[0].equals("pass")).map(fields -> fields[1]).toList();
    }

    /** The values of {@link #DKIM_RESULTS}. */
    public static List<String> dkimResults(List<SignatureResult> results) {
        return results.stream().map(r -> r.result().keyword() + " " + r.domain() + " " + r.selector() + " " + r.algorithm()).toList();
    }
}
