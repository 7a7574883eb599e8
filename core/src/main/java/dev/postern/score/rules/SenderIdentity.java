package dev.postern.score.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.postern.score.AuthResults;
import dev.postern.score.ScanContext;
import dev.postern.score.config.ReputationSettings;

/**
 * One identity of a message's sender whose reputation is kept: the client network, the envelope
 * domain when SPF passed, the From domain when a DKIM signature of an aligned domain verified.
 * Only authenticated domains are identities, so a forger (SPF fail, no aligned signature) can
 * neither use nor poison a domain's reputation; the client network is always known.
 *
 * @param kind which identity
 * @param value the network ("203.0.113.0/24") or the domain, lower case
 */
public record SenderIdentity(Kind kind, String value) {

    /** The kinds, each with its symbols: the names of rspamd's reputation selectors "ip", "spf" and "dkim". */
    public enum Kind {
        /** The client network: rspamd's ip selector symbols, SENDER_REP_SPAM / SENDER_REP_HAM. */
        IP("ip", "SENDER_REP"),
        /** The MAIL FROM domain, when SPF passed for it (RFC 7208 section 2.6.3). */
        SPF("spf", "SPF_REPUTATION"),
        /** The From domain, when a signature by a domain aligned with it verified (RFC 7489 section 3.1.1, relaxed). */
        DKIM("dkim", "DKIM_REPUTATION");

        private final String word;
        private final String symbolPrefix;

        Kind(String word, String symbolPrefix) {
            this.word = word;
            this.symbolPrefix = symbolPrefix;
        }

        /** The symbol of a sender whose recent mail was mostly spam. */
        public String spamSymbol() {
            return symbolPrefix + "_SPAM";
        }

        /** The symbol of a sender whose recent mail was mostly ham. */
        public String hamSymbol() {
            return symbolPrefix + "_HAM";
        }
    }

    /** The store's key: "ip:203.0.113.0/24", "spf:example.org", "dkim:example.org". */
    public String key() {
        return kind.word + ":" + value;
    }

    /**
     * The identities of the message's sender; none for mail of authenticated users (their own
     * server vouches for them: their mail neither gains nor gives reputation) or without a client.
     */
    static List<SenderIdentity> of(RuleInput input, ReputationSettings settings) {
        ScanContext context = input.context();
        if (context.authenticatedUser().isPresent() || context.clientIp().isEmpty()) {
            return List.of();
        }
        List<SenderIdentity> identities = new ArrayList<>(3);
        identities.add(new SenderIdentity(Kind.IP,
            ClientNetwork.of(context.clientIp().get(), settings.ipv4Prefix(), settings.ipv6Prefix())));
        AuthResults auth = context.auth();
        String envelopeDomain = context.envelopeSenderDomain();
        if (auth.spf() == AuthResults.Spf.PASS && !envelopeDomain.isEmpty()) {
            identities.add(new SenderIdentity(Kind.SPF, envelopeDomain));
        }
        String fromDomain = ScanContext.domainOf(input.message().fromAddress());
        if (!fromDomain.isEmpty()) {
            String organization = Domains.registered(fromDomain);
            if (auth.dkimPassDomains().stream().anyMatch(d -> Domains.registered(d).equals(organization))) {
                identities.add(new SenderIdentity(Kind.DKIM, fromDomain.toLowerCase(Locale.ROOT)));
            }
        }
        return identities;
    }
}
