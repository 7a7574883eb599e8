package dev.postern.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.postern.dns.Resolver;
import dev.postern.dns.Resolver.Lookup;
import dev.postern.spf.SpfResult;
import dev.postern.spf.SpfVerdict;

/**
 * DMARC evaluation (RFC 7489 section 6.6): finds the policy of the From domain (section 6.6.3),
 * checks whether SPF or DKIM authenticated an aligned identifier (sections 3.1 and 4.2), and
 * says what the policy asks for, after pct sampling (section 6.6.4).
 *
 * <pre>{@code
 * DmarcVerifier dmarc = new DmarcVerifier(resolver, PublicSuffixList.guava(), new SecureRandom());
 * DmarcVerdict verdict = dmarc.verify("example.com",
 *     DmarcVerifier.SpfInput.from(spfVerdict),
 *     List.of(new DmarcVerifier.DkimInput("example.com", "sel1", DmarcVerifier.DkimInput.Status.PASS)));
 * if (verdict.disposition() == Policy.REJECT) { ... }
 * }</pre>
 */
public final class DmarcVerifier {

    /** RFC 7489 section 6.1: the policy record lives at this label under the domain. */
    public static final String RECORD_PREFIX = "_dmarc.";

    private final Resolver resolver;
    private final PublicSuffixList suffixes;
    private final RandomGenerator random;

    /** With Guava's Public Suffix List and a {@link java.security.SecureRandom} for pct sampling. */
    public DmarcVerifier(Resolver resolver) {
        this(resolver, PublicSuffixList.guava(), new java.security.SecureRandom());
    }

    /**
     * @param random decides pct sampling; pass a seeded or fixed one in tests
     */
    public DmarcVerifier(Resolver resolver, PublicSuffixList suffixes, RandomGenerator random) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.suffixes = Objects.requireNonNull(suffixes, "suffixes");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The SPF result DMARC uses: the MAIL FROM identity (RFC 7489 section 4.1), or the HELO
     * identity when the reverse-path was null (RFC 7208 section 2.4).
     *
     * @param domain the domain SPF evaluated
     */
    public record SpfInput(String domain, SpfResult result) {
        public static SpfInput from(SpfVerdict verdict) {
            return new SpfInput(verdict.domain(), verdict.result());
        }

        public static SpfInput none() {
            return new SpfInput("", SpfResult.NONE);
        }
    }

    /**
     * One verified (or not) DKIM signature, as the DKIM verifier reports it.
     *
     * @param domain the signature's d= tag
     * @param selector the s= tag
     */
    public record DkimInput(String domain, String selector, Status status) {
        /** The DKIM results of RFC 8601 section 2.7.1. */
        public enum Status { PASS, FAIL, NEUTRAL, POLICY, TEMPERROR, PERMERROR, NONE }
    }

    /**
     * Evaluates DMARC for a message.
     *
     * @param fromDomain the domain of the RFC5322.From address (section 3.1); the caller rejects
     *                   messages without exactly one (section 6.6.1)
     */
    public DmarcVerdict verify(String fromDomain, SpfInput spf, List<DkimInput> dkim) {
        String from = PublicSuffixFile.toAscii(fromDomain);
        if (from == null || from.indexOf('.') < 0) {
            return DmarcVerdict.error(DmarcResult.PERMERROR, Alignment.normal(fromDomain), "",
                "dmarc: From domain '" + fromDomain + "' is not a usable domain name");
        }
        String organizational = suffixes.organizationalDomain(from);
        Discovery discovery = discover(from, organizational);
        if (discovery.result != null) {
            return DmarcVerdict.error(discovery.result, from, organizational, discovery.problem);
        }
        DmarcRecord record;
        try {
            record = DmarcRecord.parse(discovery.text);
        } catch (DmarcRecord.InvalidRecordException e) {
            // RFC 7489 section 11.2: "permerror ... such as encountering a syntactically incorrect DMARC record".
            return DmarcVerdict.error(DmarcResult.PERMERROR, from, organizational,
                e.getMessage() + " (record at " + RECORD_PREFIX + discovery.policyDomain + ")");
        }

        boolean spfAligned = spf.result() == SpfResult.PASS && record.spfAlignment().aligns(spf.domain(), from, suffixes);
        List<DkimInput> alignedDkim = new ArrayList<>();
        for (DkimInput signature : dkim) {
            if (signature.status() == DkimInput.Status.PASS && record.dkimAlignment().aligns(signature.domain(), from, suffixes)) {
                alignedDkim.add(signature);
            }
        }
        boolean subdomain = !discovery.policyDomain.equals(from);
        PolicySource source = subdomain && record.subdomainPolicy().isPresent() ? PolicySource.SP
            : subdomain ? PolicySource.P_FOR_SUBDOMAIN : PolicySource.P;
        Policy policy = record.policyFor(subdomain);
        if (spfAligned || !alignedDkim.isEmpty()) {
            return new DmarcVerdict(DmarcResult.PASS, from, Optional.of(discovery.policyDomain), organizational,
                Optional.of(record), policy, source, Policy.NONE, false, spfAligned, List.copyOf(alignedDkim), Optional.empty());
        }
        // RFC 9091 section 3.2: np applies to a From domain that does not exist, below the Organizational Domain.
        if (subdomain && record.nonExistentPolicy().isPresent() && !exists(from)) {
            policy = record.nonExistentPolicy().get();
            source = PolicySource.NP;
        }
        // Section 6.6.4 and 6.3 "pct": apply to pct% of failing mail, the next lower policy to the rest.
        boolean sampledOut = record.percent() < 100 && random.nextInt(100) >= record.percent();
        Policy disposition = sampledOut ? policy.nextLower() : policy;
        return new DmarcVerdict(DmarcResult.FAIL, from, Optional.of(discovery.policyDomain), organizational,
            Optional.of(record), policy, source, disposition, sampledOut, false, List.of(),
            Optional.of("dmarc: neither SPF nor DKIM authenticated a domain aligned with " + from));
    }

    /**
     * Evaluates DMARC for every Author Domain of the From field (RFC 7489 section 6.6.1, see
     * {@link AuthorDomains}) and returns the verdict to act on: among failing checks the one
     * with the strictest disposition ("apply the most strict policy selected among the checks
     * that fail"); without failures, a temperror, then a permerror, then a pass, then none.
     */
    public DmarcVerdict verifyAll(List<String> authorDomains, SpfInput spf, List<DkimInput> dkim) {
        if (authorDomains.isEmpty()) {
            return DmarcVerdict.error(DmarcResult.PERMERROR, "", "",
                "dmarc: the From field has no usable address (RFC 7489 section 6.6.1)");
        }
        List<DmarcVerdict> verdicts = authorDomains.stream().map(domain -> verify(domain, spf, dkim)).toList();
        java.util.Comparator<DmarcVerdict> severity = java.util.Comparator.comparingInt(DmarcVerifier::severity);
        return verdicts.stream().max(severity).orElseThrow();
    }

    /** Failures by disposition then policy, above temperror, permerror, pass and none. */
    private static int severity(DmarcVerdict verdict) {
        if (verdict.result() == DmarcResult.FAIL) {
            return 100 + verdict.disposition().ordinal() * 10 + verdict.policy().ordinal();
        }
        return List.of(DmarcResult.NONE, DmarcResult.PASS, DmarcResult.PERMERROR, DmarcResult.TEMPERROR).indexOf(verdict.result());
    }

    /** Where the requested policy came from. */
    public enum PolicySource {
        /** p= of the From domain's own record. */
        P,
        /** sp= of the Organizational Domain's record. */
        SP,
        /** p= of the Organizational Domain's record, which has no sp=. */
        P_FOR_SUBDOMAIN,
        /** np= (RFC 9091) of the Organizational Domain's record, for a From domain that does not exist. */
        NP
    }

    /** A found record's text, or a result and the problem; {@code empty} when no DMARC record was there at all. */
    private record Discovery(String text, String policyDomain, DmarcResult result, String problem, boolean empty) {
    }

    /** RFC 7489 section 6.6.3: the From domain's record, else the Organizational Domain's. */
    private Discovery discover(String from, String organizational) {
        Discovery atFrom = lookup(from);
        if (!atFrom.empty || organizational.equals(from)) {
            return atFrom;
        }
        return lookup(organizational);
    }

    private Discovery lookup(String domain) {
        Lookup<String> txt = resolver.txt(RECORD_PREFIX + domain);
        if (txt.status() == Lookup.Status.TEMPORARY_FAILURE) {
            return new Discovery(null, domain, DmarcResult.TEMPERROR,
                "dmarc: DNS lookup of TXT " + RECORD_PREFIX + domain + " failed (timeout or server error)", false);
        }
        List<String> records = txt.records().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.isEmpty()) {
            return new Discovery(null, domain, DmarcResult.NONE, "dmarc: no policy record at " + RECORD_PREFIX + domain, true);
        }
        if (records.size() > 1) {
            // Section 6.6.3 step 5: "If the remaining set contains multiple records ... DMARC processing is not applied".
            return new Discovery(null, domain, DmarcResult.NONE, "dmarc: " + records.size() + " policy records at "
                + RECORD_PREFIX + domain + "; a domain must publish exactly one", false);
        }
        return new Discovery(records.get(0), domain, null, null, false);
    }

    /**
     * RFC 9091 section 2.1: a domain does not exist when A, AAAA and MX all come back NXDOMAIN
     * or empty. A DNS failure counts as existing, so np is not applied on a guess.
     */
    private boolean exists(String domain) {
        Lookup<?> a = resolver.a(domain);
        if (a.status() == Lookup.Status.NXDOMAIN) {
            return false; // NXDOMAIN holds for every type
        }
        return !(a.isVoid() && resolver.aaaa(domain).isVoid() && resolver.mx(domain).isVoid());
    }
}
