package dev.postern.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.postern.dmarc.DmarcVerifier.DkimInput;
import dev.postern.dmarc.DmarcVerifier.PolicySource;
import dev.postern.dmarc.DmarcVerifier.SpfInput;
import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.LoopbackDnsServer;
import dev.postern.dns.LoopbackDnsServer.Behaviour;
import dev.postern.spf.SpfResult;

/** RFC 7489 evaluation, against a real DNS server on 127.0.0.1. */
class DmarcVerifierTest {

    static LoopbackDnsServer dns;
    DmarcVerifier dmarc;

    @BeforeAll
    static void startDns() throws Exception {
        dns = LoopbackDnsServer.start();
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @BeforeEach
    void freshZone() {
        dns.clear();
        dmarc = verifier(fixed(0));
    }

    /** A random source that always draws {@code value} from [0, 100). */
    static RandomGenerator fixed(int value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public int nextInt(int bound) {
                return value;
            }
        };
    }

    static DmarcVerifier verifier(RandomGenerator random) {
        // Generous: a loaded build machine must not turn a slow answer into a temperror.
        DnsjavaResolver resolver = DnsjavaResolver.builder().servers(dns.address())
            .timeout(Duration.ofSeconds(2)).retries(1).cacheSize(0).build();
        return new DmarcVerifier(resolver, PublicSuffixList.guava(), random);
    }

    static void policy(String domain, String record) {
        dns.add("_dmarc." + domain + ". 300 IN TXT \"" + record + "\"");
    }

    static SpfInput spf(String domain, SpfResult result) {
        return new SpfInput(domain, result);
    }

    static DkimInput dkim(String domain, DkimInput.Status status) {
        return new DkimInput(domain, "sel", status);
    }

    static final List<DkimInput> NO_DKIM = List.of();

    @Test
    void section6_6_3_noRecordIsNone() {
        DmarcVerdict verdict = dmarc.verify("example.com", spf("example.com", SpfResult.PASS), NO_DKIM);

        assertThat(verdict.result()).isEqualTo(DmarcResult.NONE);
        assertThat(verdict.disposition()).isEqualTo(Policy.NONE);
        assertThat(dns.queriesFor("_dmarc.example.com")).hasSize(1);
    }

    @Test
    void section4_2_alignedSpfPasses() {
        policy("example.com", "v=DMARC1; p=reject");

        DmarcVerdict verdict = dmarc.verify("example.com", spf("bounces.example.com", SpfResult.PASS), NO_DKIM);

        assertThat(verdict.result()).isEqualTo(DmarcResult.PASS);
        assertThat(verdict.spfAligned()).isTrue();
        assertThat(verdict.dkimAligned()).isFalse();
        assertThat(verdict.policy()).isEqualTo(Policy.REJECT);
        assertThat(verdict.disposition()).isEqualTo(Policy.NONE);
    }

    @Test
    void section4_2_alignedDkimPassesAndFailedSignaturesDoNotCount() {
        policy("example.com", "v=DMARC1; p=reject");

        DmarcVerdict verdict = dmarc.verify("example.com", spf("other.net", SpfResult.PASS),
            List.of(dkim("example.com", DkimInput.Status.FAIL), dkim("mail.example.com", DkimInput.Status.PASS),
                dkim("example.org", DkimInput.Status.PASS)));

        assertThat(verdict.result()).isEqualTo(DmarcResult.PASS);
        assertThat(verdict.spfAligned()).isFalse();
        assertThat(verdict.alignedDkimDomains()).containsExactly("mail.example.com");
    }

    @Test
    void section3_1_strictAlignmentNeedsTheSameDomain() {
        policy("example.com", "v=DMARC1; p=quarantine; adkim=s; aspf=s");

        assertThat(dmarc.verify("example.com", spf("bounces.example.com", SpfResult.PASS),
            List.of(dkim("mail.example.com", DkimInput.Status.PASS))).result()).isEqualTo(DmarcResult.FAIL);
        assertThat(dmarc.verify("example.com", spf("EXAMPLE.com.", SpfResult.PASS), NO_DKIM).result()).isEqualTo(DmarcResult.PASS);
        assertThat(dmarc.verify("example.com", spf("other.net", SpfResult.FAIL),
            List.of(dkim("example.com", DkimInput.Status.PASS))).result()).isEqualTo(DmarcResult.PASS);
    }

    @Test
    void section3_2_relaxedAlignmentUsesThePublicSuffixList() {
        policy("example.co.uk", "v=DMARC1; p=reject");
        policy("other.co.uk", "v=DMARC1; p=reject");

        assertThat(dmarc.verify("example.co.uk", spf("mail.example.co.uk", SpfResult.PASS), NO_DKIM).result())
            .isEqualTo(DmarcResult.PASS);
        // co.uk is a public suffix: other.co.uk is another organization.
        assertThat(dmarc.verify("other.co.uk", spf("example.co.uk", SpfResult.PASS), NO_DKIM).result())
            .isEqualTo(DmarcResult.FAIL);
    }

    @Test
    void section4_2_spfMustPassToAlign() {
        policy("example.com", "v=DMARC1; p=reject");

        for (SpfResult result : new SpfResult[] {SpfResult.SOFTFAIL, SpfResult.NEUTRAL, SpfResult.FAIL, SpfResult.TEMPERROR}) {
            DmarcVerdict verdict = dmarc.verify("example.com", spf("example.com", result), NO_DKIM);
            assertThat(verdict.result()).isEqualTo(DmarcResult.FAIL);
            assertThat(verdict.disposition()).isEqualTo(Policy.REJECT);
            assertThat(verdict.problem()).hasValueSatisfying(p -> assertThat(p).contains("aligned with example.com"));
        }
    }

    @Test
    void section6_6_3_subdomainFallsBackToTheOrganizationalDomainAndItsSp() {
        policy("example.com", "v=DMARC1; p=reject; sp=quarantine");

        DmarcVerdict verdict = dmarc.verify("news.example.com", SpfInput.none(), NO_DKIM);

        assertThat(verdict.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verdict.policyDomain()).hasValue("example.com");
        assertThat(verdict.organizationalDomain()).isEqualTo("example.com");
        assertThat(verdict.policy()).isEqualTo(Policy.QUARANTINE);
        assertThat(verdict.policySource()).isEqualTo(PolicySource.SP);
        assertThat(dns.queries()).extracting(LoopbackDnsServer.Query::name)
            .startsWith("_dmarc.news.example.com.", "_dmarc.example.com.");
    }

    @Test
    void section6_3_withoutSpSubdomainsGetP() {
        policy("example.com", "v=DMARC1; p=reject");

        DmarcVerdict verdict = dmarc.verify("news.example.com", SpfInput.none(), NO_DKIM);

        assertThat(verdict.policy()).isEqualTo(Policy.REJECT);
        assertThat(verdict.policySource()).isEqualTo(PolicySource.P_FOR_SUBDOMAIN);
    }

    @Test
    void section6_6_3_aSubdomainsOwnRecordWins() {
        policy("example.com", "v=DMARC1; p=reject");
        policy("news.example.com", "v=DMARC1; p=none");

        DmarcVerdict verdict = dmarc.verify("news.example.com", SpfInput.none(), NO_DKIM);

        assertThat(verdict.policy()).isEqualTo(Policy.NONE);
        assertThat(verdict.policySource()).isEqualTo(PolicySource.P);
        assertThat(dns.queriesFor("_dmarc.example.com")).isEmpty();
    }

    @Test
    void rfc9091_npAppliesToSubdomainsThatDoNotExist() {
        policy("example.com", "v=DMARC1; p=quarantine; sp=none; np=reject");
        dns.add("real.example.com. 300 IN A 192.0.2.1", "nodata.example.com. 300 IN TXT \"only text\"");

        DmarcVerdict missing = dmarc.verify("missing.example.com", SpfInput.none(), NO_DKIM);
        assertThat(missing.policy()).isEqualTo(Policy.REJECT);
        assertThat(missing.policySource()).isEqualTo(PolicySource.NP);
        // RFC 9091 section 2.1: no A, AAAA or MX counts as non-existent too.
        assertThat(dmarc.verify("nodata.example.com", SpfInput.none(), NO_DKIM).policy()).isEqualTo(Policy.REJECT);
        assertThat(dmarc.verify("real.example.com", SpfInput.none(), NO_DKIM).policy()).isEqualTo(Policy.NONE);
    }

    @Test
    void section6_6_4_pctSamplingAppliesTheNextLowerPolicyToTheRest() {
        policy("example.com", "v=DMARC1; p=reject; pct=30");

        DmarcVerdict selected = verifier(fixed(29)).verify("example.com", SpfInput.none(), NO_DKIM);
        assertThat(selected.disposition()).isEqualTo(Policy.REJECT);
        assertThat(selected.sampledOut()).isFalse();

        DmarcVerdict left = verifier(fixed(30)).verify("example.com", SpfInput.none(), NO_DKIM);
        assertThat(left.policy()).isEqualTo(Policy.REJECT);
        assertThat(left.disposition()).isEqualTo(Policy.QUARANTINE);
        assertThat(left.sampledOut()).isTrue();
    }

    @Test
    void section6_6_4_pctZeroQuarantineBecomesNone() {
        policy("example.com", "v=DMARC1; p=quarantine; pct=0");

        DmarcVerdict verdict = verifier(fixed(0)).verify("example.com", SpfInput.none(), NO_DKIM);

        assertThat(verdict.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verdict.disposition()).isEqualTo(Policy.NONE);
    }

    @Test
    void section6_6_3_nonDmarcRecordsAreDiscardedAndTwoRecordsMeanNone() {
        policy("example.com", "v=spf1 -all");
        policy("example.com", "v=DMARC1; p=reject");
        policy("two.example.org", "v=DMARC1; p=reject");
        policy("two.example.org", "v=DMARC1; p=none");
        policy("example.org", "v=DMARC1; p=reject");

        assertThat(dmarc.verify("example.com", SpfInput.none(), NO_DKIM).policy()).isEqualTo(Policy.REJECT);
        DmarcVerdict two = dmarc.verify("two.example.org", SpfInput.none(), NO_DKIM);
        assertThat(two.result()).isEqualTo(DmarcResult.NONE);
        assertThat(two.problem()).hasValueSatisfying(p -> assertThat(p).contains("2 policy records"));
        // Two records end discovery: the Organizational Domain is not asked.
        assertThat(dns.queriesFor("_dmarc.example.org")).isEmpty();
    }

    @Test
    void section6_6_3_invalidRecordIsPermerrorAndAppliesNoPolicy() {
        policy("example.com", "v=DMARC1; p=reject; pct=200");

        DmarcVerdict verdict = dmarc.verify("example.com", SpfInput.none(), NO_DKIM);

        assertThat(verdict.result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(verdict.disposition()).isEqualTo(Policy.NONE);
        assertThat(verdict.problem()).hasValue("dmarc: pct=200 must be a whole number from 0 to 100 (record at _dmarc.example.com)");
    }

    @Test
    void section6_6_3_invalidPolicyWithRuaActsAsPNone() {
        policy("example.com", "v=DMARC1; p=block; rua=mailto:dmarc@example.com");

        DmarcVerdict verdict = dmarc.verify("example.com", SpfInput.none(), NO_DKIM);

        assertThat(verdict.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verdict.policy()).isEqualTo(Policy.NONE);
        assertThat(verdict.record().orElseThrow().policyAssumed()).isTrue();
    }

    @Test
    void dnsFailuresAreTemperror() {
        dns.behave("_dmarc.broken.example", Behaviour.SERVFAIL);
        dns.behave("_dmarc.slow.example", Behaviour.TIMEOUT);

        assertThat(dmarc.verify("broken.example", SpfInput.none(), NO_DKIM).result()).isEqualTo(DmarcResult.TEMPERROR);
        DmarcVerifier quicklyGivingUp = new DmarcVerifier(DnsjavaResolver.builder().servers(dns.address())
            .timeout(Duration.ofMillis(300)).retries(0).build(), PublicSuffixList.guava(), fixed(0));
        assertThat(quicklyGivingUp.verify("slow.example", SpfInput.none(), NO_DKIM).result()).isEqualTo(DmarcResult.TEMPERROR);
    }

    @Test
    void unusableFromDomainIsPermerror() {
        assertThat(dmarc.verify("", SpfInput.none(), NO_DKIM).result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(dmarc.verify("localhost", SpfInput.none(), NO_DKIM).result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(dmarc.verify("a..example.com", SpfInput.none(), NO_DKIM).result()).isEqualTo(DmarcResult.PERMERROR);
    }

    @Test
    void internationalFromDomainsAreLookedUpAsALabels() {
        policy("xn--bcher-kva.example", "v=DMARC1; p=reject");

        assertThat(dmarc.verify("Bücher.example", SpfInput.none(), NO_DKIM).policy()).isEqualTo(Policy.REJECT);
    }

    @Test
    void section6_6_1_severalAuthorDomainsTakeTheStrictestFailure() {
        policy("example.com", "v=DMARC1; p=quarantine");
        policy("example.org", "v=DMARC1; p=reject");
        policy("example.net", "v=DMARC1; p=reject");

        DmarcVerdict verdict = dmarc.verifyAll(List.of("example.com", "example.org", "example.net"),
            spf("example.net", SpfResult.PASS), NO_DKIM);
        assertThat(verdict.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verdict.fromDomain()).isEqualTo("example.org");
        assertThat(verdict.disposition()).isEqualTo(Policy.REJECT);

        assertThat(dmarc.verifyAll(List.of("example.net", "none.example"), spf("example.net", SpfResult.PASS), NO_DKIM).result())
            .isEqualTo(DmarcResult.PASS);
        assertThat(dmarc.verifyAll(AuthorDomains.of("undisclosed:;"), SpfInput.none(), NO_DKIM).result())
            .isEqualTo(DmarcResult.PERMERROR);
    }
}
