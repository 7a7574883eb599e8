package dev.postern.mailets.dkim;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.dkim.DkimSignature;
import dev.postern.dkim.DkimSigner;
import dev.postern.dkim.SigningAlgorithm;
import dev.postern.dkim.TagList;
import dev.postern.dkim.keys.DkimKey;
import dev.postern.dkim.keys.DkimKeyManager;

/**
 * Signs outbound mail with DKIM (RFC 6376): mail whose From domain is a local domain, sent by a
 * user who authenticated (SMTP AUTH: James sets the mail attribute
 * {@code org.apache.james.SMTPAuthUser}, which is what the {@code SMTPAuthSuccessful} matcher
 * tests), from a client in {@code networks}, or composed by Postern itself (attribute
 * {@value #SIGN_REQUEST}: DMARC aggregate reports). Mail from anyone else is never signed for a
 * local domain, even from networks that may relay (SMTP's {@code authorizedAddresses}).
 *
 * <p>Each local domain signs twice, rsa-sha256 and ed25519-sha256 (RFC 8463 section 5), with the
 * ACTIVE keys of the {@link DkimKeyManager}; a domain without keys gets them on first use. A
 * message already signed for the same domain and selector is not signed again. The signatures go
 * on top of the message byte for byte; the message is otherwise untouched, so place this mailet
 * after every mailet that changes the message. The mail attribute {@value #SIGNATURES_ATTRIBUTE}
 * lists the keys used ({@code selector._domainkey.domain}); James's metric
 * {@value #SIGNATURES_METRIC} counts the signatures made.
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postern.mailets.dkim.DkimSign">
 *     <!-- optional: also sign unauthenticated mail from these clients (CIDR, comma separated) -->
 *     <networks></networks>
 *     <!-- optional: rsa-sha256, ed25519-sha256 or both (default) -->
 *     <algorithms>rsa-sha256, ed25519-sha256</algorithms>
 * </mailet>
 * }</pre>
 */
public class DkimSign extends GenericMailet {

    /**
     * A mail attribute that server code sets on mail it composes itself from a local domain
     * (DMARC aggregate reports): sign it as if it were submitted. No client can set an attribute,
     * so mail that came in over SMTP (a redirect of forged mail included) never carries it.
     */
    public static final String SIGN_REQUEST = "dev.postern.dkim.sign";
    private static final AttributeName SIGN_REQUEST_ATTRIBUTE = AttributeName.of(SIGN_REQUEST);

    public static final String SIGNATURES_ATTRIBUTE = "dev.postern.dkim.signatures";
    public static final AttributeName SIGNATURES = AttributeName.of(SIGNATURES_ATTRIBUTE);
    /** James metric (counter) of the signatures made, one per key used; WebAdmin's {@code GET /metrics}. */
    public static final String SIGNATURES_METRIC = "postern_dkim_signatures_made";

    private static final Logger LOGGER = LoggerFactory.getLogger(DkimSign.class);

    private final DkimKeyManager keys;
    private final Metric signaturesMade;
    private final DkimSigner signer = new DkimSigner();
    private Networks networks;
    private Set<SigningAlgorithm> algorithms;

    @Inject
    public DkimSign(DkimKeyManager keys, MetricFactory metrics) {
        this.keys = keys;
        this.signaturesMade = metrics.generate(SIGNATURES_METRIC);
    }

    @Override
    public void init() throws MessagingException {
        try {
            networks = Networks.parse(getInitParameter("networks", ""));
        } catch (IllegalArgumentException e) {
            throw new MessagingException("DkimSign <networks>: " + e.getMessage());
        }
        try {
            algorithms = Arrays.stream(getInitParameter("algorithms", "rsa-sha256, ed25519-sha256").split("[,\\s]+"))
                .filter(name -> !name.isEmpty())
                .map(name -> SigningAlgorithm.fromTag(name).filter(a -> a != SigningAlgorithm.RSA_SHA1)
                    .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not rsa-sha256 or ed25519-sha256")))
                .collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            throw new MessagingException("DkimSign <algorithms>: " + e.getMessage());
        }
        if (algorithms.isEmpty()) {
            throw new MessagingException("DkimSign <algorithms> is empty: give rsa-sha256, ed25519-sha256 or both");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> domain = fromDomain(mail.getMessage()).filter(this::isLocal);
        if (domain.isEmpty() || !isTrustedSender(mail)) {
            return;
        }
        MimeMessage message = mail.getMessage();
        Set<String> signedAlready = signedKeys(message);
        List<DkimKey> signing = signingKeys(domain.get()).stream()
            .filter(key -> algorithms.contains(key.algorithm()))
            .filter(key -> !signedAlready.contains(key.txtName()))
            .toList();
        if (signing.isEmpty()) {
            return;
        }
        List<String> fields = signer.signAll(HeaderFields.rawBytes(message), signing.stream().map(DkimKey::signingConfig).toList());
        HeaderFields.prepend(message, fields, line -> false);
        signaturesMade.add(fields.size());
        mail.setAttribute(new Attribute(SIGNATURES, AttributeValue.of(signing.stream()
            .map(key -> AttributeValue.of(key.txtName())).collect(Collectors.toList()))));
    }

    /**
     * Authenticated (SMTP AUTH), from a configured network, or composed by Postern itself
     * ({@value #SIGN_REQUEST}): the extension point for other trust rules.
     */
    protected boolean isTrustedSender(Mail mail) {
        return mail.getAttribute(Mail.SMTP_AUTH_USER).isPresent() || mail.getAttribute(SIGN_REQUEST_ATTRIBUTE).isPresent()
            || networks.contains(mail.getRemoteAddr());
    }

    private List<DkimKey> signingKeys(String domain) {
        List<DkimKey> active = keys.signingKeys(domain);
        if (!active.isEmpty()) {
            return active;
        }
        keys.ensureKeys(domain).forEach(key -> LOGGER.info("DKIM: created {} to sign mail of {}; publish its TXT record (GET /postern/dns-records/{})",
            key, domain, domain));
        return keys.signingKeys(domain);
    }

    /** False for a From domain that is no valid domain name: such mail is not ours to sign. */
    private boolean isLocal(String domain) {
        try {
            return getMailetContext().isLocalServer(Domain.of(domain));
        } catch (IllegalArgumentException notADomain) {
            return false;
        }
    }

    /** The domain of the (first) From address, lower case. */
    static Optional<String> fromDomain(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException unparsable) {
            return Optional.empty();
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address) || address.getAddress() == null) {
            return Optional.empty();
        }
        String text = address.getAddress();
        int at = text.lastIndexOf('@');
        return at < 0 || at == text.length() - 1 ? Optional.empty() : Optional.of(text.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** selector._domainkey.domain of every signature already on the message. */
    private static Set<String> signedKeys(MimeMessage message) throws MessagingException {
        String[] values = message.getHeader(DkimSignature.HEADER_NAME);
        if (values == null) {
            return Collections.emptySet();
        }
        return Arrays.stream(values).flatMap(value -> {
            try {
                TagList tags = TagList.parse(value, DkimSignature.HEADER_NAME);
                return tags.get("s").flatMap(s -> tags.get("d").map(d -> s.trim() + "._domainkey." + d.trim().toLowerCase(Locale.ROOT))).stream();
            } catch (RuntimeException unparsable) {
                return java.util.stream.Stream.empty();
            }
        }).collect(Collectors.toSet());
    }

    @Override
    public String getMailetInfo() {
        return "Signs mail of local domains from authenticated senders with DKIM";
    }
}
