package dev.postern.inbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The local policy for mail from other servers, read from {@code conf/postern.properties}:
 * <pre>
 * # authserv-id of Authentication-Results and the receiver of Received-SPF (default: this host's name)
 * authentication.authserv-id=mx.example.net
 * # clients never checked (CIDR list); relay permission (authorizedAddresses) is a separate setting
 * authentication.trusted-networks=
 * # forwarders and mailing lists: by IP/CIDR, or by domain once SPF or DKIM authenticated it;
 * # their DMARC failures are recorded but neither refused nor quarantined (RFC 7489 section 7.2)
 * authentication.trusted-forwarders=
 * # SPF, DKIM or DMARC could not be decided because DNS failed: accept (mark temperror) or defer (451)
 * authentication.temperror=accept
 * # refuse SPF "fail" (of MAIL FROM or HELO) at MAIL FROM (550 5.7.23) instead of leaving the decision to DMARC
 * authentication.spf.reject-fail=false
 * </pre>
 *
 * @param authservId the authserv-id of our Authentication-Results fields (RFC 8601 section 2.5)
 * @param trustedNetworks clients that are not checked at all
 * @param forwarderNetworks clients whose DMARC failures are not enforced
 * @param forwarderDomains domains (and their subdomains) whose DMARC failures are not enforced
 *                         when SPF passed for them or a DKIM signature of theirs verified
 * @param deferOnTemperror answer 451 when DNS kept a result from being decided, instead of accepting
 * @param rejectSpfFail answer 550 at MAIL FROM when SPF of MAIL FROM or of HELO fails
 */
public record InboundPolicy(String authservId, Networks trustedNetworks, Networks forwarderNetworks,
                            List<String> forwarderDomains, boolean deferOnTemperror, boolean rejectSpfFail) {

    public static final String AUTHSERV_ID = "authentication.authserv-id";
    public static final String TRUSTED_NETWORKS = "authentication.trusted-networks";
    public static final String TRUSTED_FORWARDERS = "authentication.trusted-forwarders";
    public static final String TEMPERROR = "authentication.temperror";
    public static final String SPF_REJECT_FAIL = "authentication.spf.reject-fail";

    public InboundPolicy {
        Objects.requireNonNull(authservId, "authservId");
        forwarderDomains = forwarderDomains.stream().map(InboundPolicy::normal).toList();
    }

    /** Defaults: this host's name, nothing trusted, temperror accepted, SPF fail left to DMARC. */
    public static InboundPolicy defaults() {
        return read(key -> null);
    }

    /**
     * Reads the keys above through {@code settings} (null for a missing key).
     *
     * @throws IllegalArgumentException naming the key and what to write instead
     */
    public static InboundPolicy read(Function<String, String> settings) {
        String authservId = Optional.ofNullable(settings.apply(AUTHSERV_ID)).map(String::trim).filter(s -> !s.isEmpty())
            .orElseGet(InboundPolicy::defaultAuthservId);
        Networks trusted = networks(TRUSTED_NETWORKS, Optional.ofNullable(settings.apply(TRUSTED_NETWORKS)).orElse(""));
        StringBuilder forwarderNetworks = new StringBuilder();
        List<String> forwarderDomains = new ArrayList<>();
        for (String entry : Optional.ofNullable(settings.apply(TRUSTED_FORWARDERS)).orElse("").trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (Networks.isNetwork(entry)) {
                forwarderNetworks.append(entry).append(' ');
            } else if (entry.matches("[A-Za-z0-9_.-]+\\.[A-Za-z0-9-]+\\.?")) {
                forwarderDomains.add(entry);
            } else {
                throw new IllegalArgumentException(TRUSTED_FORWARDERS + ": '" + entry
                    + "' is neither an IP address or network (192.0.2.7, 192.0.2.0/24) nor a domain (lists.example.org)");
            }
        }
        String temperror = Optional.ofNullable(settings.apply(TEMPERROR)).orElse("accept").trim().toLowerCase(Locale.ROOT);
        if (!temperror.equals("accept") && !temperror.equals("defer")) {
            throw new IllegalArgumentException(TEMPERROR + ": '" + temperror + "' must be accept (deliver, marked temperror) or defer (451, the client retries)");
        }
        String rejectSpfFail = Optional.ofNullable(settings.apply(SPF_REJECT_FAIL)).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!rejectSpfFail.equals("true") && !rejectSpfFail.equals("false")) {
            throw new IllegalArgumentException(SPF_REJECT_FAIL + ": '" + rejectSpfFail + "' must be true or false");
        }
        return new InboundPolicy(authservId, trusted, networks(TRUSTED_FORWARDERS, forwarderNetworks.toString()),
            forwarderDomains, temperror.equals("defer"), rejectSpfFail.equals("true"));
    }

    private static Networks networks(String key, String text) {
        try {
            return Networks.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** When the host name is no usable authserv-id (no domain, e.g. "localhost", or an address). */
    public static final String FALLBACK_AUTHSERV_ID = "postern";

    /**
     * The authserv-id when none is configured: this host's name as the system knows it (no DNS
     * query when /etc/hosts has it) if it has a domain, else {@value #FALLBACK_AUTHSERV_ID}.
     */
    public static String defaultAuthservId() {
        try {
            String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            return host.contains(".") && !host.matches("[0-9.]+") ? host : FALLBACK_AUTHSERV_ID;
        } catch (UnknownHostException | RuntimeException e) {
            return FALLBACK_AUTHSERV_ID;
        }
    }

    /** True when mail from this client is to be checked: not authenticated, not in the trusted networks. */
    public boolean checks(InetAddress client, boolean authenticated) {
        return !authenticated && !trustedNetworks.contains(client);
    }

    /**
     * Why a failing message from this client is not enforced, if it is a trusted forwarder.
     *
     * @param authenticatedDomains domains SPF passed for and d= of verified DKIM signatures
     */
    public Optional<String> forwarderOverride(InetAddress client, List<String> authenticatedDomains) {
        if (forwarderNetworks.contains(client)) {
            return Optional.of("trusted forwarder " + client.getHostAddress());
        }
        for (String domain : authenticatedDomains) {
            String name = normal(domain);
            for (String trusted : forwarderDomains) {
                if (name.equals(trusted) || name.endsWith("." + trusted)) {
                    return Optional.of("trusted forwarder " + trusted);
                }
            }
        }
        return Optional.empty();
    }

    private static String normal(String domain) {
        String lower = domain.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
