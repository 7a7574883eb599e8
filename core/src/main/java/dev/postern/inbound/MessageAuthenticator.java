package dev.postern.inbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.postern.authresults.AuthenticationResults;
import dev.postern.authresults.MethodResult;
import dev.postern.dkim.DkimResult;
import dev.postern.dkim.DkimVerifier;
import dev.postern.dkim.SignatureResult;
import dev.postern.dmarc.AuthorDomains;
import dev.postern.dmarc.DmarcResult;
import dev.postern.dmarc.DmarcVerdict;
import dev.postern.dmarc.DmarcVerifier;
import dev.postern.dmarc.DmarcVerifier.DkimInput;
import dev.postern.dmarc.Policy;
import dev.postern.dns.Resolver;
import dev.postern.spf.SpfChecker;
import dev.postern.spf.SpfResult;
import dev.postern.spf.SpfVerdict;

/**
 * Checks mail from another server in the two steps an SMTP server can act on:
 * <ol>
 * <li>{@link #spf} and {@link #atMailFrom}: SPF of the MAIL FROM identity (RFC 7208 section 2.4;
 *     HELO for a null reverse-path) and, as section 2.3 recommends, of the HELO identity
 *     ({@link #helo}), and whether to refuse there;</li>
 * <li>{@link #message}: every DKIM-Signature (RFC 6376), DMARC for the From field (RFC 7489,
 *     pct sampling included), one Authentication-Results value, and the answer to the end of
 *     DATA: 550 5.7.1 for disposition reject, so that nothing bounces to a forged sender.</li>
 * </ol>
 * A DNS failure never leads to "fail": when SPF, a DKIM key or the DMARC record could not be read,
 * the message is accepted and marked (temperror) or deferred with 451, as
 * {@link InboundPolicy#deferOnTemperror()} says. Safe to share between threads.
 *
 * <p>The DKIM verification here only feeds DMARC and Authentication-Results; it is the
 * verifying half of DKIM for inbound mail (signing lives elsewhere).
 */
public final class MessageAuthenticator {

    /** A HELO argument of digits and dots only is an address without brackets, no domain name. */
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

    private final InboundPolicy policy;
    private final SpfChecker spf;
    private final DkimVerifier dkim;
    private final DmarcVerifier dmarc;

    public MessageAuthenticator(Resolver resolver, InboundPolicy policy) {
        this(policy, SpfChecker.builder(resolver).receiver(policy.authservId()).build(), new DkimVerifier(resolver),
            new DmarcVerifier(resolver));
    }

    public MessageAuthenticator(InboundPolicy policy, SpfChecker spf, DkimVerifier dkim, DmarcVerifier dmarc) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.spf = Objects.requireNonNull(spf, "spf");
        this.dkim = Objects.requireNonNull(dkim, "dkim");
        this.dmarc = Objects.requireNonNull(dmarc, "dmarc");
    }

    public InboundPolicy policy() {
        return policy;
    }

    /** The SPF verdict for MAIL FROM; {@code mailFrom} empty for the null reverse-path. */
    public SpfVerdict spf(InetAddress client, String mailFrom, String helo) {
        return spf.checkMailFrom(client, mailFrom, helo);
    }

    /**
     * The SPF verdict for the HELO identity (RFC 7208 section 2.3), recorded besides the MAIL FROM
     * one; empty when MAIL FROM is null (then {@link #spf} already checked HELO) or the HELO
     * argument is no domain name (an address literal, a single label).
     */
    public Optional<SpfVerdict> helo(InetAddress client, String mailFrom, String helo) {
        String name = helo == null ? "" : helo.trim();
        String path = mailFrom == null ? "" : mailFrom.trim();
        if (path.isEmpty() || path.equals("<>") || name.startsWith("[") || name.indexOf('.') <= 0 || DIGITS_AND_DOTS.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(spf.checkHelo(client, name));
    }

    /** What to answer MAIL FROM given an SPF verdict (of MAIL FROM or of HELO). */
    public Decision atMailFrom(SpfVerdict verdict) {
        if (verdict.result() == SpfResult.FAIL && policy.rejectSpfFail()) {
            // RFC 7372 section 3.2: 5.7.23 "SPF validation failed".
            return Decision.reject("5.7.23", "SPF of " + verdict.domain() + " does not allow "
                + verdict.ip().getHostAddress() + " to send its mail" + verdict.explanation().map(e -> ": " + e).orElse(""));
        }
        if (verdict.result() == SpfResult.TEMPERROR && policy.deferOnTemperror()) {
            // RFC 7372 section 3.2: 4.7.24 "SPF validation error".
            return Decision.defer("4.7.24", "SPF of " + verdict.domain() + " could not be read (DNS): try again later");
        }
        return Decision.ACCEPT;
    }

    /**
     * Verifies DKIM and DMARC of a received message and decides what to do with it.
     *
     * @param spfVerdict what {@link #spf} found at MAIL FROM
     * @param message the message as received, CRLF line ends
     */
    public AuthenticationOutcome message(SpfVerdict spfVerdict, byte[] message) {
        return message(spfVerdict, Optional.empty(), message);
    }

    /**
     * The same, with the HELO verdict of {@link #helo} for Authentication-Results; DMARC uses the
     * MAIL FROM identity only (RFC 7489 section 4.1).
     */
    public AuthenticationOutcome message(SpfVerdict spfVerdict, Optional<SpfVerdict> heloVerdict, byte[] message) {
        List<SignatureResult> signatures = dkim.verify(message);
        List<DkimInput> dkimInputs = signatures.stream()
            .filter(signature -> !signature.domain().isEmpty())
            .map(signature -> new DkimInput(signature.domain(), signature.selector(), status(signature.result())))
            .toList();
        String from = String.join(", ", HeaderFields.values(message, "From"));
        DmarcVerdict verdict = dmarc.verifyAll(AuthorDomains.of(from), DmarcVerifier.SpfInput.from(spfVerdict), dkimInputs);

        Policy disposition = verdict.disposition();
        Optional<String> override = Optional.empty();
        Decision decision = Decision.ACCEPT;
        boolean dnsFailed = verdict.result() == DmarcResult.TEMPERROR
            || verdict.result() == DmarcResult.FAIL && (spfVerdict.result() == SpfResult.TEMPERROR
                || signatures.stream().anyMatch(signature -> signature.result() == DkimResult.TEMPERROR));
        if (verdict.result() == DmarcResult.FAIL && disposition != Policy.NONE) {
            override = policy.forwarderOverride(spfVerdict.ip(), authenticatedDomains(spfVerdict, signatures));
            if (override.isEmpty() && dnsFailed) {
                override = Optional.of("DNS failed while checking SPF or DKIM: temperror, not fail");
            }
            if (override.isPresent()) {
                disposition = Policy.NONE;
            }
        }
        if (dnsFailed && policy.deferOnTemperror()) {
            decision = Decision.defer("4.7.5", "DMARC of " + verdict.fromDomain()
                + " could not be decided, DNS failed: try again later");
        } else if (disposition == Policy.REJECT) {
            decision = Decision.reject("5.7.1", "DMARC policy of " + verdict.policyDomain().orElse(verdict.fromDomain())
                + " is reject, and neither SPF nor DKIM authenticated " + verdict.fromDomain() + " for this message");
        } else if (disposition == Policy.QUARANTINE) {
            decision = Decision.QUARANTINE;
        }
        // Authentication-Results shows the disposition applied ("dis=none" for an override), not the one asked for.
        DmarcVerdict applied = new DmarcVerdict(verdict.result(), verdict.fromDomain(), verdict.policyDomain(),
            verdict.organizationalDomain(), verdict.record(), verdict.policy(), verdict.policySource(), disposition,
            verdict.sampledOut(), verdict.spfAligned(), verdict.alignedDkim(), verdict.problem());
        return new AuthenticationOutcome(spfVerdict, signatures, applied, disposition, override, decision,
            authenticationResults(spfVerdict, heloVerdict, signatures, applied), spfVerdict.receivedSpf(policy.authservId()));
    }

    private String authenticationResults(SpfVerdict spfVerdict, Optional<SpfVerdict> heloVerdict, List<SignatureResult> signatures,
                                         DmarcVerdict verdict) {
        AuthenticationResults.Builder builder = AuthenticationResults.builder(policy.authservId())
            .add(MethodResult.spf(spfVerdict));
        heloVerdict.ifPresent(helo -> builder.add(MethodResult.spf(helo)));
        if (signatures.isEmpty()) {
            builder.add(MethodResult.of("dkim", DkimResult.NONE.keyword()));
        }
        for (SignatureResult signature : signatures) {
            MethodResult result = signature.domain().isEmpty()
                ? MethodResult.of("dkim", signature.result().keyword())
                : MethodResult.dkim(signature.result().keyword(), signature.domain(), signature.identity(),
                    signature.selector(), signature.algorithm(), signature.signaturePrefix());
            builder.add(signature.result() == DkimResult.PASS || signature.reason().isEmpty() ? result : result.reason(signature.reason()));
        }
        return builder.add(MethodResult.dmarc(verdict)).value();
    }

    private static List<String> authenticatedDomains(SpfVerdict spfVerdict, List<SignatureResult> signatures) {
        List<String> domains = new ArrayList<>();
        if (spfVerdict.result() == SpfResult.PASS) {
            domains.add(spfVerdict.domain());
        }
        signatures.stream().filter(signature -> signature.result() == DkimResult.PASS).map(SignatureResult::domain).forEach(domains::add);
        return domains;
    }

    private static DkimInput.Status status(DkimResult result) {
        return DkimInput.Status.valueOf(result.name());
    }
}
