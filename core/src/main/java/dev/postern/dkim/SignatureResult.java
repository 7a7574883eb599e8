package dev.postern.dkim;

/**
 * The result of one DKIM-Signature, with what Authentication-Results needs (RFC 8601 section 2.7.1,
 * RFC 6008 for header.b). Fields the signature did not yield (it could not be parsed) are empty strings.
 *
 * @param result the outcome
 * @param reason why, for people, e.g. "body hash did not verify"
 * @param domain d=
 * @param selector s=
 * @param algorithm a= as written
 * @param identity i=, or "@" + d= when absent
 * @param signaturePrefix the first 8 characters of b=, to tell signatures apart (RFC 6008 section 4)
 * @param testing the key record says t=y, the domain is testing DKIM (RFC 6376 section 3.6.1)
 */
public record SignatureResult(
    DkimResult result,
    String reason,
    String domain,
    String selector,
    String algorithm,
    String identity,
    String signaturePrefix,
    boolean testing) {

    /** header.d=... header.s=... style summary, for logs. */
    @Override
    public String toString() {
        return "dkim=" + result.keyword() + " (" + reason + ") header.d=" + domain + " header.s=" + selector
            + " header.a=" + algorithm + " header.i=" + identity + " header.b=" + signaturePrefix
            + (testing ? " (testing)" : "");
    }
}
