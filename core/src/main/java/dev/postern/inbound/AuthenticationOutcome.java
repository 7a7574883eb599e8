package dev.postern.inbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.postern.dkim.DkimResult;
import dev.postern.dkim.DkimVerifier;
import dev.postern.dkim.SignatureResult;
import dev.postern.dmarc.DmarcVerdict;
import dev.postern.dmarc.Policy;
import dev.postern.spf.SpfVerdict;

/**
 * Everything checking one message found, and what to do about it.
 *
 * @param spf the SPF verdict of MAIL FROM (HELO for a null reverse-path)
 * @param dkim one result per DKIM-Signature
 * @param dmarc the DMARC verdict for the From field
 * @param disposition what is done with the message: the DMARC disposition, lowered to
 *                    {@link Policy#NONE} by a local override or a DNS failure
 * @param override why the disposition was lowered, when it was
 * @param decision the SMTP answer
 * @param authenticationResults the Authentication-Results field value (RFC 8601)
 * @param receivedSpf the Received-SPF field value (RFC 7208 section 9.1)
 */
public record AuthenticationOutcome(SpfVerdict spf, List<SignatureResult> dkim, DmarcVerdict dmarc,
                                    Policy disposition, Optional<String> override, Decision decision,
                                    String authenticationResults, String receivedSpf) {

    public DkimResult dkimResult() {
        return DkimVerifier.overall(dkim);
    }

    /**
     * The results as mail attributes, by the names of {@link AuthenticationAttributes}; DKIM's
     * two ({@code DKIM_RESULT}, and {@code DKIM_RESULTS}, a list) are set from {@link #dkim} by
     * the mailets' {@code DkimVerify.record}, the one place that writes them.
     */
    public Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(AuthenticationAttributes.SPF_RESULT, spf.result().keyword());
        attributes.put(AuthenticationAttributes.RECEIVED_SPF, receivedSpf);
        attributes.put(AuthenticationAttributes.DMARC_RESULT, dmarc.result().keyword());
        attributes.put(AuthenticationAttributes.DMARC_POLICY, dmarc.policy().keyword());
        attributes.put(AuthenticationAttributes.DMARC_DISPOSITION, disposition.keyword());
        override.ifPresent(reason -> attributes.put(AuthenticationAttributes.DMARC_OVERRIDE, reason));
        attributes.put(AuthenticationAttributes.AUTHENTICATION_RESULTS, authenticationResults);
        return attributes;
    }
}
