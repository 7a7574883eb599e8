package dev.postern.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.postern.dns.Resolver;
import dev.postern.dns.Resolver.Lookup;
import dev.postern.spf.SpfRecord.Directive;
import dev.postern.spf.SpfRecord.Mechanism;
import dev.postern.spf.SpfVerdict.Identity;

/**
 * check_host() of RFC 7208 section 4, and the two identities it is used for: MAIL FROM (section
 * 2.4) and HELO (section 2.3). Pure apart from the injected {@link Resolver} and {@link Clock};
 * safe to share between threads.
 *
 * <pre>{@code
 * SpfChecker spf = SpfChecker.builder(resolver).receiver("mx.example.net").build();
 * SpfVerdict verdict = spf.checkMailFrom(clientIp, "alice@example.com", "mail.example.com");
 * String header = verdict.receivedSpf("mx.example.net");
 * }</pre>
 */
public final class SpfChecker {

    /** RFC 7208 section 4.6.4: at most 10 mechanisms and redirects that query DNS, "to avoid unreasonable load on the DNS". */
    public static final int DNS_TERMS_MAX = 10;
    /** RFC 7208 section 4.6.4: at most 2 lookups that find nothing (NXDOMAIN or no records), to limit abuse. */
    public static final int VOID_LOOKUPS_MAX = 2;
    /** RFC 7208 section 4.6.4: the "mx" mechanism looks up the addresses of at most 10 MX hosts, else permerror. */
    public static final int MX_NAMES_MAX = 10;
    /** RFC 7208 section 4.6.4: the "ptr" mechanism and %{p} use at most 10 PTR names; the rest are ignored. */
    public static final int PTR_NAMES_MAX = 10;
    /** RFC 1035 section 2.3.4 and RFC 7208 section 7.3: expanded names longer than 253 lose labels on the left. */
    static final int DOMAIN_LENGTH_MAX = 253;
    /**
     * RFC 7208 section 4.6.4: an evaluation may be given a time limit, which "SHOULD allow at
     * least 20 seconds"; past it the result is temperror.
     */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(20);
    private static final int LABEL_LENGTH_MAX = 63;

    private final Resolver resolver;
    private final String receiver;
    private final Clock clock;
    private final int voidLookupsMax;
    private final Duration timeLimit;

    private SpfChecker(Builder builder) {
        this.resolver = builder.resolver;
        this.receiver = builder.receiver;
        this.clock = builder.clock;
        this.voidLookupsMax = builder.voidLookupsMax;
        this.timeLimit = builder.timeLimit;
    }

    public static Builder builder(Resolver resolver) {
        return new Builder(resolver);
    }

    /**
     * Checks the MAIL FROM identity (RFC 7208 section 2.4). An empty reverse-path ("" or "&lt;&gt;")
     * is checked as postmaster@{@code helo}.
     *
     * @param mailFrom the reverse-path, with or without angle brackets
     * @param helo the HELO/EHLO name, used for %{h} and for the null reverse-path
     */
    public SpfVerdict checkMailFrom(InetAddress ip, String mailFrom, String helo) {
        String path = mailFrom == null ? "" : mailFrom.trim();
        if (path.startsWith("<") && path.endsWith(">")) {
            path = path.substring(1, path.length() - 1);
        }
        String heloName = helo == null ? "" : helo.trim();
        if (path.isEmpty()) {
            return checkHost(ip, heloName, "postmaster@" + heloName, heloName, Identity.MAILFROM);
        }
        int at = path.lastIndexOf('@');
        String domain = at < 0 ? path : path.substring(at + 1);
        // RFC 7208 section 4.3: "If the <sender> has no local-part, substitute the string "postmaster"".
        String sender = at <= 0 ? "postmaster@" + domain : path;
        return checkHost(ip, domain, sender, heloName, Identity.MAILFROM);
    }

    /** Checks the HELO identity (RFC 7208 section 2.3): &lt;sender&gt; is postmaster@{@code helo}. */
    public SpfVerdict checkHelo(InetAddress ip, String helo) {
        String heloName = helo == null ? "" : helo.trim();
        return checkHost(ip, heloName, "postmaster@" + heloName, heloName, Identity.HELO);
    }

    /**
     * check_host(&lt;ip&gt;, &lt;domain&gt;, &lt;sender&gt;) of RFC 7208 section 4, with the HELO
     * name for %{h}.
     */
    public SpfVerdict checkHost(InetAddress ip, String domain, String sender, String helo, Identity identity) {
        InetAddress client = unmapped(ip);
        String normalDomain = stripDot(domain);
        int at = sender.lastIndexOf('@');
        String localPart = at <= 0 ? "postmaster" : sender.substring(0, at);
        Evaluation evaluation = new Evaluation(client, clock.instant().plus(timeLimit));
        MacroString.Context context = new MacroString.Context(sender, localPart, stripDot(sender.substring(at + 1)),
            normalDomain, client, helo, receiver, clock.instant().getEpochSecond(),
            () -> validatedDomain(evaluation, normalDomain));
        try {
            Outcome outcome = evaluate(normalDomain, context, evaluation, true);
            return new SpfVerdict(outcome.result, identity, normalDomain, sender, client, helo, outcome.explanation,
                outcome.mechanism, outcome.problem);
        } catch (SpfException e) {
            return new SpfVerdict(e.result(), identity, normalDomain, sender, client, helo, Optional.empty(),
                Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** Counters shared by one check_host() and all its include/redirect recursions (RFC 7208 section 4.6.4). */
    private static final class Evaluation {
        final InetAddress ip;
        final Instant deadline;
        int dnsTerms;
        int voidLookups;

        Evaluation(InetAddress ip, Instant deadline) {
            this.ip = ip;
            this.deadline = deadline;
        }
    }

    private record Outcome(SpfResult result, Optional<String> explanation, Optional<String> mechanism, Optional<String> problem) {
        static Outcome of(SpfResult result, String problem) {
            return new Outcome(result, Optional.empty(), Optional.empty(), Optional.ofNullable(problem));
        }
    }

    /**
     * One level of check_host(): NONE, NEUTRAL, PASS, FAIL or SOFTFAIL; TEMPERROR and PERMERROR
     * end the whole check and come as {@link SpfException}.
     */
    private Outcome evaluate(String domain, MacroString.Context context, Evaluation evaluation, boolean explain)
        throws SpfException {
        // RFC 7208 section 4.3: a malformed or single-label domain gives "none".
        if (!isValidDomain(domain)) {
            return Outcome.of(SpfResult.NONE, "spf: '" + domain + "' is not a valid multi-label domain name");
        }
        SpfRecord record = select(domain);
        if (record == null) {
            return Outcome.of(SpfResult.NONE, "spf: " + domain + " publishes no SPF record");
        }
        MacroString.Context here = context.withDomain(domain);
        for (Directive directive : record.directives()) {
            if (matches(directive, here, evaluation)) {
                SpfResult result = directive.qualifier().result();
                Optional<String> explanation = result == SpfResult.FAIL && explain
                    ? explanation(record, here) : Optional.empty();
                return new Outcome(result, explanation, Optional.of(directive.text()), Optional.empty());
            }
        }
        // RFC 7208 section 6.1: redirect= applies when nothing matched, and is ignored when there is an "all".
        if (record.redirect().isPresent() && !record.hasAll()) {
            countDnsTerm(evaluation, "redirect=" + record.redirect().get());
            String target = targetName(record.redirect().get(), here);
            Outcome redirected = evaluate(target, context, evaluation, explain);
            if (redirected.result == SpfResult.NONE) {
                throw SpfException.permerror("spf: redirect=" + target + " leads to no SPF record (RFC 7208 section 6.1)");
            }
            return redirected;
        }
        // RFC 7208 section 4.7: no match and no redirect is "neutral".
        return new Outcome(SpfResult.NEUTRAL, Optional.empty(), Optional.of("default"), Optional.empty());
    }

    /** RFC 7208 section 4.4 and 4.5: the one SPF record of {@code domain}, or null for "none". */
    private SpfRecord select(String domain) throws SpfException {
        Lookup<String> txt = resolver.txt(domain);
        if (txt.status() == Lookup.Status.TEMPORARY_FAILURE) {
            throw SpfException.temperror("spf: DNS lookup of TXT " + domain + " failed (timeout or server error)");
        }
        List<String> spf = txt.records().stream().filter(SpfRecord::isSpf).toList();
        if (spf.isEmpty()) {
            return null;
        }
        if (spf.size() > 1) {
            throw SpfException.permerror("spf: " + domain + " publishes " + spf.size()
                + " SPF records; it must publish exactly one (RFC 7208 section 4.5)");
        }
        try {
            return SpfRecord.parse(spf.get(0));
        } catch (SpfException e) {
            throw SpfException.permerror(e.getMessage() + " in the SPF record of " + domain);
        }
    }

    private boolean matches(Directive directive, MacroString.Context context, Evaluation evaluation) throws SpfException {
        Mechanism mechanism = directive.mechanism();
        if (mechanism.queriesDns()) {
            countDnsTerm(evaluation, directive.text());
        }
        InetAddress ip = evaluation.ip;
        if (mechanism instanceof SpfRecord.All) {
            return true;
        }
        if (mechanism instanceof SpfRecord.Ip4 ip4) {
            return ip instanceof Inet4Address && inNetwork(ip.getAddress(), ip4.network(), ip4.prefix());
        }
        if (mechanism instanceof SpfRecord.Ip6 ip6) {
            return matchesIp6(ip, ip6);
        }
        if (mechanism instanceof SpfRecord.A a) {
            String target = a.domain().isPresent() ? targetName(a.domain().get(), context) : context.domain();
            Lookup<InetAddress> addresses = addressesFor(target, ip);
            temporary(addresses, "A/AAAA", target);
            countVoid(addresses, evaluation, target);
            return anyInNetwork(addresses.records(), ip, a.ip4Prefix(), a.ip6Prefix());
        }
        if (mechanism instanceof SpfRecord.Mx mx) {
            return matchesMx(mx, context, evaluation);
        }
        if (mechanism instanceof SpfRecord.Ptr ptr) {
            String target = ptr.domain().isPresent() ? targetName(ptr.domain().get(), context) : context.domain();
            return validatedNames(evaluation, target).stream().findAny().isPresent();
        }
        if (mechanism instanceof SpfRecord.Exists exists) {
            String target = targetName(exists.domain(), context);
            // RFC 7208 section 5.7: an A lookup, "even when the connection type is IPv6".
            Lookup<InetAddress> a = isValidName(target) ? resolver.a(target) : Lookup.of(Lookup.Status.NXDOMAIN);
            temporary(a, "A", target);
            countVoid(a, evaluation, target);
            return a.isFound();
        }
        if (mechanism instanceof SpfRecord.Include include) {
            String target = targetName(include.domain(), context);
            Outcome included = evaluate(target, context, evaluation, false);
            // RFC 7208 section 5.2, the table: pass matches; fail, softfail, neutral do not; none is permerror.
            return switch (included.result) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                default -> throw SpfException.permerror("spf: include:" + target
                    + " has no SPF record; an include must name a domain with one (RFC 7208 section 5.2)");
            };
        }
        throw new IllegalStateException("unhandled mechanism " + mechanism);
    }

    private boolean matchesMx(SpfRecord.Mx mx, MacroString.Context context, Evaluation evaluation) throws SpfException {
        InetAddress ip = evaluation.ip;
        String target = mx.domain().isPresent() ? targetName(mx.domain().get(), context) : context.domain();
        Lookup<Resolver.MxRecord> records = isValidName(target) ? resolver.mx(target) : Lookup.of(Lookup.Status.NXDOMAIN);
        temporary(records, "MX", target);
        countVoid(records, evaluation, target);
        int looked = 0;
        for (Resolver.MxRecord record : records.records()) {
            if (record.exchange().isEmpty() || record.exchange().equals(".")) {
                continue; // a null MX (RFC 7505) names no host
            }
            // RFC 7208 section 4.6.4: "If this limit is exceeded, the "mx" mechanism MUST produce a "permerror"".
            // Checked lazily, so a match among the first 10 still counts.
            if (++looked > MX_NAMES_MAX) {
                throw SpfException.permerror("spf: mx:" + target + " has more than " + MX_NAMES_MAX
                    + " MX hosts (RFC 7208 section 4.6.4)");
            }
            Lookup<InetAddress> addresses = addressesFor(record.exchange(), ip);
            temporary(addresses, "A/AAAA", record.exchange());
            if (anyInNetwork(addresses.records(), ip, mx.ip4Prefix(), mx.ip6Prefix())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesIp6(InetAddress ip, SpfRecord.Ip6 ip6) {
        if (ip instanceof Inet6Address) {
            return inNetwork(ip.getAddress(), ip6.network(), ip6.prefix());
        }
        // An ip6 network inside ::ffff:0:0/96 names IPv4 addresses (RFC 4291 section 2.5.5.2).
        byte[] mapped = SpfRecord.mapped(ip.getAddress());
        return ip6.prefix() >= 96 && inNetwork(mapped, ip6.network(), 96) && inNetwork(mapped, ip6.network(), ip6.prefix());
    }

    /**
     * The PTR names of the client that resolve back to it and are {@code target} or below it
     * (RFC 7208 section 5.5). Errors make the mechanism not match: never temperror.
     */
    private List<String> validatedNames(Evaluation evaluation, String target) {
        Lookup<String> names = resolver.ptr(evaluation.ip);
        String suffix = "." + target.toLowerCase(Locale.ROOT);
        return names.records().stream()
            .limit(PTR_NAMES_MAX)
            .map(name -> stripDot(name).toLowerCase(Locale.ROOT))
            .filter(name -> target.isEmpty() || name.equals(target.toLowerCase(Locale.ROOT)) || name.endsWith(suffix))
            .filter(name -> isValidName(name) && addressesFor(name, evaluation.ip).records().contains(evaluation.ip))
            .limit(1)
            .toList();
    }

    /** %{p} (RFC 7208 section 7.3): a validated name, preferring {@code domain} and its subdomains; else "unknown". */
    private String validatedDomain(Evaluation evaluation, String domain) {
        List<String> preferred = validatedNames(evaluation, domain);
        if (!preferred.isEmpty()) {
            return preferred.get(0);
        }
        List<String> any = validatedNames(evaluation, "");
        return any.isEmpty() ? "unknown" : any.get(0);
    }

    /** RFC 7208 section 6.2: the exp= text for a fail, or nothing if anything about it goes wrong. */
    private Optional<String> explanation(SpfRecord record, MacroString.Context context) {
        if (record.explanation().isEmpty()) {
            return Optional.empty();
        }
        try {
            String target = targetName(record.explanation().get(), context);
            Lookup<String> txt = isValidName(target) ? resolver.txt(target) : Lookup.of(Lookup.Status.NXDOMAIN);
            if (txt.records().size() != 1) {
                return Optional.empty();
            }
            return Optional.of(MacroString.parseExplanation(txt.records().get(0)).expand(context));
        } catch (SpfException e) {
            return Optional.empty();
        }
    }

    private void countDnsTerm(Evaluation evaluation, String term) throws SpfException {
        checkDeadline(evaluation, term);
        if (++evaluation.dnsTerms > DNS_TERMS_MAX) {
            throw SpfException.permerror("spf: more than " + DNS_TERMS_MAX
                + " DNS-querying mechanisms and redirects (include a mx ptr exists redirect), reached at " + term
                + " (RFC 7208 section 4.6.4)");
        }
    }

    private void checkDeadline(Evaluation evaluation, String where) throws SpfException {
        if (clock.instant().isAfter(evaluation.deadline)) {
            throw SpfException.temperror("spf: evaluation took longer than " + timeLimit.toSeconds()
                + " s, stopped at " + where + " (RFC 7208 section 4.6.4)");
        }
    }

    private void countVoid(Lookup<?> lookup, Evaluation evaluation, String name) throws SpfException {
        if (lookup.isVoid() && ++evaluation.voidLookups > voidLookupsMax) {
            throw SpfException.permerror("spf: more than " + voidLookupsMax + " lookups found nothing, the last for "
                + name + " (RFC 7208 section 4.6.4)");
        }
    }

    private static void temporary(Lookup<?> lookup, String type, String name) throws SpfException {
        if (lookup.status() == Lookup.Status.TEMPORARY_FAILURE) {
            throw SpfException.temperror("spf: DNS lookup of " + type + " " + name + " failed (timeout or server error)");
        }
    }

    /** RFC 7208 section 5: A records for an IPv4 client, AAAA for an IPv6 one. */
    private Lookup<InetAddress> addressesFor(String name, InetAddress ip) {
        if (!isValidName(name)) {
            return Lookup.of(Lookup.Status.NXDOMAIN);
        }
        return ip instanceof Inet4Address ? resolver.a(name) : resolver.aaaa(name);
    }

    private static boolean anyInNetwork(List<InetAddress> addresses, InetAddress ip, int ip4Prefix, int ip6Prefix) {
        int prefix = ip instanceof Inet4Address ? ip4Prefix : ip6Prefix;
        for (InetAddress address : addresses) {
            if (address.getClass() == ip.getClass() && inNetwork(ip.getAddress(), toList(address.getAddress()), prefix)) {
                return true;
            }
        }
        return false;
    }

    private static List<Byte> toList(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        return List.of(boxed);
    }

    static boolean inNetwork(byte[] address, List<Byte> network, int prefix) {
        if (address.length != network.size()) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network.get(bit / 8) & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Expands a domain-spec and, if longer than 253 characters, removes labels on the left until
     * it fits (RFC 7208 section 7.3).
     */
    private static String targetName(MacroString spec, MacroString.Context context) {
        String name = stripDot(spec.expand(context));
        while (name.length() > DOMAIN_LENGTH_MAX && name.indexOf('.') >= 0) {
            name = name.substring(name.indexOf('.') + 1);
        }
        return name;
    }

    /** RFC 7208 section 4.3: no empty label, none over 63, at most 253 long, at least two labels. */
    static boolean isValidDomain(String domain) {
        return isValidName(domain) && domain.indexOf('.') > 0;
    }

    private static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > DOMAIN_LENGTH_MAX) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > LABEL_LENGTH_MAX || !label.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                return false;
            }
        }
        return true;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** An IPv4-mapped IPv6 client is checked as the IPv4 address it is. */
    private static InetAddress unmapped(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        if (bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
                } catch (java.net.UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        return ip;
    }

    public static final class Builder {
        private final Resolver resolver;
        private String receiver = "unknown";
        private Clock clock = Clock.systemUTC();
        private int voidLookupsMax = VOID_LOOKUPS_MAX;
        private Duration timeLimit = DEFAULT_TIME_LIMIT;

        private Builder(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** This host's name, for %{r} in explanations (RFC 7208 section 7.2). */
        public Builder receiver(String receiver) {
            this.receiver = Objects.requireNonNull(receiver);
            return this;
        }

        /** The clock read for %{t}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** RFC 7208 section 4.6.4 allows the void lookup limit to be configured; 2 is the default it recommends. */
        public Builder voidLookupsMax(int voidLookupsMax) {
            if (voidLookupsMax < 0) {
                throw new IllegalArgumentException("void lookup limit must be 0 or more, not " + voidLookupsMax);
            }
            this.voidLookupsMax = voidLookupsMax;
            return this;
        }

        /** The time one evaluation may take before it ends in temperror (RFC 7208 section 4.6.4). */
        public Builder timeLimit(Duration timeLimit) {
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new IllegalArgumentException("SPF time limit must be positive, not " + timeLimit);
            }
            this.timeLimit = timeLimit;
            return this;
        }

        public SpfChecker build() {
            return new SpfChecker(this);
        }
    }
}
