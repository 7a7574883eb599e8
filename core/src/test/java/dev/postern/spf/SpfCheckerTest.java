package dev.postern.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.LoopbackDnsServer;
import dev.postern.dns.LoopbackDnsServer.Behaviour;
import dev.postern.dns.LoopbackDnsServer.Transport;
import dev.postern.spf.SpfVerdict.Identity;

/** check_host() section by section, against a real DNS server on 127.0.0.1. */
class SpfCheckerTest {

    static LoopbackDnsServer dns;
    SpfChecker spf;

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
        spf = SpfChecker.builder(resolver()).receiver("mx.example.net")
            .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC)).build();
    }

    static DnsjavaResolver resolver() {
        // Generous: a loaded build machine must not turn a slow answer into a temperror.
        return DnsjavaResolver.builder().servers(dns.address()).timeout(Duration.ofSeconds(2)).retries(1).cacheSize(0).build();
    }

    /** For the tests where the server stays silent on purpose. */
    static DnsjavaResolver quicklyGivingUpResolver() {
        return DnsjavaResolver.builder().servers(dns.address()).timeout(Duration.ofMillis(300)).retries(0).cacheSize(0).build();
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    SpfVerdict check(String ip, String mailFrom) {
        return spf.checkMailFrom(ip(ip), mailFrom, "mail.example.net");
    }

    static void txt(String name, String text) {
        dns.add(name + ". 300 IN TXT \"" + text + "\"");
    }

    @Nested
    class Identities {
        @Test
        void section2_3_heloIsCheckedAsPostmasterAtTheName() {
            txt("mail.example.net", "v=spf1 a -all");
            dns.add("mail.example.net. 300 IN A 192.0.2.10");

            SpfVerdict pass = spf.checkHelo(ip("192.0.2.10"), "mail.example.net");
            assertThat(pass.result()).isEqualTo(SpfResult.PASS);
            assertThat(pass.identity()).isEqualTo(Identity.HELO);
            assertThat(pass.sender()).isEqualTo("postmaster@mail.example.net");
            assertThat(spf.checkHelo(ip("192.0.2.11"), "mail.example.net").result()).isEqualTo(SpfResult.FAIL);
            // An address literal is no domain: nothing to check.
            assertThat(spf.checkHelo(ip("192.0.2.11"), "[192.0.2.11]").result()).isEqualTo(SpfResult.NONE);
        }

        @Test
        void section2_4_nullReversePathUsesPostmasterAtHelo() {
            txt("mail.example.net", "v=spf1 ip4:192.0.2.10 -all");

            SpfVerdict verdict = spf.checkMailFrom(ip("192.0.2.10"), "<>", "mail.example.net");

            assertThat(verdict.result()).isEqualTo(SpfResult.PASS);
            assertThat(verdict.identity()).isEqualTo(Identity.MAILFROM);
            assertThat(verdict.sender()).isEqualTo("postmaster@mail.example.net");
            assertThat(verdict.domain()).isEqualTo("mail.example.net");
        }

        @Test
        void section4_3_emptyLocalPartBecomesPostmaster() {
            txt("example.com", "v=spf1 -all exp=why.example.com");
            txt("why.example.com", "%{s} may not send");

            assertThat(check("192.0.2.1", "@example.com").explanation()).contains("postmaster@example.com may not send");
        }
    }

    @Nested
    class Records {
        @Test
        void section4_3_malformedOrSingleLabelDomainIsNone() {
            assertThat(check("192.0.2.1", "a@localhost").result()).isEqualTo(SpfResult.NONE);
            assertThat(check("192.0.2.1", "a@" + "x".repeat(64) + ".example.com").result()).isEqualTo(SpfResult.NONE);
            assertThat(check("192.0.2.1", "a@example..com").result()).isEqualTo(SpfResult.NONE);
            assertThat(dns.queries()).isEmpty();
        }

        @Test
        void section4_4_nxdomainAndNoSpfRecordAreNone() {
            txt("example.com", "google-site-verification=abc");
            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.NONE);
            assertThat(check("192.0.2.1", "a@missing.example.com").result()).isEqualTo(SpfResult.NONE);
        }

        @Test
        void section4_4_servfailAndTimeoutAreTemperror() {
            dns.behave("broken.example.com", Behaviour.SERVFAIL).behave("slow.example.com", Behaviour.TIMEOUT);

            SpfVerdict servfail = check("192.0.2.1", "a@broken.example.com");
            assertThat(servfail.result()).isEqualTo(SpfResult.TEMPERROR);
            assertThat(servfail.problem()).hasValueSatisfying(p -> assertThat(p).contains("TXT broken.example.com"));
            assertThat(SpfChecker.builder(quicklyGivingUpResolver()).build()
                .checkMailFrom(ip("192.0.2.1"), "a@slow.example.com", "h.example.net").result()).isEqualTo(SpfResult.TEMPERROR);
        }

        @Test
        void section4_5_twoSpfRecordsArePermerror() {
            txt("example.com", "v=spf1 +all");
            txt("example.com", "v=spf1 -all");

            SpfVerdict verdict = check("192.0.2.1", "a@example.com");
            assertThat(verdict.result()).isEqualTo(SpfResult.PERMERROR);
            assertThat(verdict.problem()).hasValueSatisfying(p -> assertThat(p).contains("publishes 2 SPF records"));
        }

        @Test
        void section4_6_syntaxErrorAnywhereIsPermerror() {
            txt("example.com", "v=spf1 +all moo");
            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.PERMERROR);
        }

        @Test
        void section4_7_noMatchIsNeutral() {
            txt("example.com", "v=spf1 ip4:198.51.100.1");
            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.NEUTRAL);
        }

        @Test
        void largeRecordsComeOverTcp() {
            txt("example.com", "v=spf1 ip4:192.0.2.1 -all");
            dns.behave("example.com", Behaviour.TRUNCATE_UDP);

            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(dns.queriesFor("example.com")).extracting(LoopbackDnsServer.Query::transport).contains(Transport.TCP);
        }

        @Test
        void cachedRecordsAreNotAskedAgain() {
            txt("example.com", "v=spf1 ip4:192.0.2.1 -all");
            SpfChecker cached = SpfChecker.builder(DnsjavaResolver.builder().servers(dns.address()).build()).build();

            cached.checkMailFrom(ip("192.0.2.1"), "a@example.com", "h.example.net");
            cached.checkMailFrom(ip("192.0.2.2"), "b@example.com", "h.example.net");

            assertThat(dns.queriesFor("example.com")).hasSize(1);
        }
    }

    @Nested
    class Limits {
        @Test
        void section4_6_4_atMostTenDnsQueryingTerms() {
            StringBuilder ten = new StringBuilder("v=spf1");
            for (int i = 1; i <= 10; i++) {
                dns.add("h" + i + ".example.com. 300 IN A 198.51.100." + i);
                ten.append(" a:h").append(i).append(".example.com");
            }
            txt("ten.example.com", ten + " -all");
            txt("eleven.example.com", ten + " a:h1.example.com -all");

            assertThat(check("192.0.2.1", "a@ten.example.com").result()).isEqualTo(SpfResult.FAIL);
            SpfVerdict eleven = check("192.0.2.1", "a@eleven.example.com");
            assertThat(eleven.result()).isEqualTo(SpfResult.PERMERROR);
            assertThat(eleven.problem()).hasValueSatisfying(p -> assertThat(p).contains("more than 10 DNS-querying"));
        }

        @Test
        void section4_6_4_includesAndRedirectsCountAndIp4DoesNot() {
            txt("example.com", "v=spf1 ip4:1.1.1.1 ip4:1.1.1.2 ip4:1.1.1.3 ip4:1.1.1.4 ip4:1.1.1.5 ip4:1.1.1.6 "
                + "ip4:1.1.1.7 ip4:1.1.1.8 ip4:1.1.1.9 ip4:1.1.1.10 ip4:1.1.1.11 include:loop.example.com -all");
            txt("loop.example.com", "v=spf1 redirect=loop.example.com");

            assertThat(check("1.1.1.11", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.PERMERROR);
        }

        @Test
        void section4_6_4_atMostTwoVoidLookups() {
            txt("two.example.com", "v=spf1 a:n1.example.com mx:n2.example.com -all");
            txt("three.example.com", "v=spf1 a:n1.example.com mx:n2.example.com exists:n3.example.com -all");

            assertThat(check("192.0.2.1", "a@two.example.com").result()).isEqualTo(SpfResult.FAIL);
            SpfVerdict three = check("192.0.2.1", "a@three.example.com");
            assertThat(three.result()).isEqualTo(SpfResult.PERMERROR);
            assertThat(three.problem()).hasValueSatisfying(p -> assertThat(p).contains("more than 2 lookups found nothing"));
            SpfChecker lenient = SpfChecker.builder(resolver()).voidLookupsMax(3).build();
            assertThat(lenient.checkMailFrom(ip("192.0.2.1"), "a@three.example.com", "h.example.net").result()).isEqualTo(SpfResult.FAIL);
        }

        @Test
        void section4_6_4_mxWithMoreThanTenHostsIsPermerrorUnlessAnEarlierOneMatched() {
            for (int i = 1; i <= 11; i++) {
                dns.add("example.com. 300 IN MX " + i + " mx" + i + ".example.com.", "mx" + i + ".example.com. 300 IN A 198.51.100." + i);
            }
            txt("example.com", "v=spf1 mx -all");

            assertThat(check("198.51.100.3", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("198.51.100.11", "a@example.com").result()).isEqualTo(SpfResult.PERMERROR);
        }

        @Test
        void section4_6_4_evaluationPastItsTimeLimitIsTemperror() {
            txt("example.com", "v=spf1 a:h1.example.com a:h2.example.com a:h3.example.com ip4:192.0.2.1 -all");
            dns.add("h1.example.com. 300 IN A 198.51.100.1", "h2.example.com. 300 IN A 198.51.100.2",
                "h3.example.com. 300 IN A 198.51.100.3");
            // Each reading of this clock is 8 seconds after the one before.
            Clock slow = new Clock() {
                private Instant now = Instant.EPOCH;

                @Override
                public Instant instant() {
                    now = now.plusSeconds(8);
                    return now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            };
            SpfChecker limited = SpfChecker.builder(resolver()).clock(slow).build();

            SpfVerdict verdict = limited.checkMailFrom(ip("192.0.2.1"), "a@example.com", "h.example.net");

            assertThat(verdict.result()).isEqualTo(SpfResult.TEMPERROR);
            assertThat(verdict.problem()).hasValueSatisfying(p -> assertThat(p).contains("took longer than 20 s"));
            assertThat(SpfChecker.builder(resolver()).timeLimit(Duration.ofMinutes(5)).clock(slow).build()
                .checkMailFrom(ip("192.0.2.1"), "a@example.com", "h.example.net").result()).isEqualTo(SpfResult.PASS);
        }

        @Test
        void section4_6_4_ptrNamesBeyondTenAreIgnored() {
            for (int i = 1; i <= 11; i++) {
                dns.add("5.100.51.198.in-addr.arpa. 300 IN PTR h" + i + ".example.com.");
            }
            dns.add("h11.example.com. 300 IN A 198.51.100.5");
            txt("example.com", "v=spf1 ptr -all");

            assertThat(check("198.51.100.5", "a@example.com").result()).isEqualTo(SpfResult.FAIL);
        }
    }

    @Nested
    class Mechanisms {
        @Test
        void section5_1_allAndEveryQualifier() {
            txt("p.example.com", "v=spf1 +all");
            txt("f.example.com", "v=spf1 -all");
            txt("s.example.com", "v=spf1 ~all");
            txt("n.example.com", "v=spf1 ?all");
            txt("d.example.com", "v=spf1 all");

            assertThat(check("192.0.2.1", "a@p.example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("192.0.2.1", "a@f.example.com").result()).isEqualTo(SpfResult.FAIL);
            assertThat(check("192.0.2.1", "a@s.example.com").result()).isEqualTo(SpfResult.SOFTFAIL);
            assertThat(check("192.0.2.1", "a@n.example.com").result()).isEqualTo(SpfResult.NEUTRAL);
            assertThat(check("192.0.2.1", "a@d.example.com").result()).isEqualTo(SpfResult.PASS);
        }

        @Test
        void section5_2_includeResultTable() {
            txt("pass.example.com", "v=spf1 +all");
            txt("fail.example.com", "v=spf1 -all");
            txt("softfail.example.com", "v=spf1 ~all");
            txt("neutral.example.com", "v=spf1 ?all");
            txt("perm.example.com", "v=spf1 moo");
            dns.behave("temp.example.com", Behaviour.SERVFAIL);
            for (String target : new String[] {"pass", "fail", "softfail", "neutral", "perm", "temp", "none"}) {
                txt("i-" + target + ".example.com", "v=spf1 -include:" + target + ".example.com ?all");
            }

            assertThat(check("192.0.2.1", "a@i-pass.example.com").result()).isEqualTo(SpfResult.FAIL);
            assertThat(check("192.0.2.1", "a@i-fail.example.com").result()).isEqualTo(SpfResult.NEUTRAL);
            assertThat(check("192.0.2.1", "a@i-softfail.example.com").result()).isEqualTo(SpfResult.NEUTRAL);
            assertThat(check("192.0.2.1", "a@i-neutral.example.com").result()).isEqualTo(SpfResult.NEUTRAL);
            assertThat(check("192.0.2.1", "a@i-perm.example.com").result()).isEqualTo(SpfResult.PERMERROR);
            assertThat(check("192.0.2.1", "a@i-temp.example.com").result()).isEqualTo(SpfResult.TEMPERROR);
            assertThat(check("192.0.2.1", "a@i-none.example.com").result()).isEqualTo(SpfResult.PERMERROR);
        }

        @Test
        void section5_3_aWithCidr() {
            dns.add("example.com. 300 IN A 192.0.2.10", "example.com. 300 IN AAAA 2001:db8::10");
            txt("example.com", "v=spf1 a/24//64 -all");

            assertThat(check("192.0.2.200", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("192.0.3.1", "a@example.com").result()).isEqualTo(SpfResult.FAIL);
            assertThat(check("2001:db8::ffff", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("2001:db8:1::1", "a@example.com").result()).isEqualTo(SpfResult.FAIL);
            // An IPv4-mapped IPv6 client is its IPv4 address.
            assertThat(check("::ffff:192.0.2.10", "a@example.com").result()).isEqualTo(SpfResult.PASS);
        }

        @Test
        void section5_3_addressLookupFailureIsTemperror() {
            dns.behave("broken.example.com", Behaviour.SERVFAIL);
            txt("example.com", "v=spf1 a:broken.example.com -all");

            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.TEMPERROR);
        }

        @Test
        void section5_4_mxComparesTheAddressesOfEachHost() {
            dns.add("example.com. 300 IN MX 10 mx1.example.com.", "example.com. 300 IN MX 20 mx2.example.com.",
                "mx1.example.com. 300 IN A 192.0.2.1", "mx2.example.com. 300 IN A 192.0.2.2");
            txt("example.com", "v=spf1 mx -all");
            txt("other.example.com", "v=spf1 mx:example.com/30 -all");

            assertThat(check("192.0.2.2", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("192.0.2.3", "a@example.com").result()).isEqualTo(SpfResult.FAIL);
            assertThat(check("192.0.2.3", "a@other.example.com").result()).isEqualTo(SpfResult.PASS);
        }

        @Test
        void section5_5_ptrNeedsAValidatedName() {
            dns.add("1.2.0.192.in-addr.arpa. 300 IN PTR mail.example.com.", "mail.example.com. 300 IN A 192.0.2.1",
                "2.2.0.192.in-addr.arpa. 300 IN PTR forged.example.com.");
            txt("example.com", "v=spf1 ptr -all");
            txt("example.org", "v=spf1 ptr:example.com -all");

            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("192.0.2.2", "a@example.com").result()).isEqualTo(SpfResult.FAIL);
            assertThat(check("192.0.2.1", "a@example.org").result()).isEqualTo(SpfResult.PASS);
        }

        @Test
        void section5_5_ptrLookupErrorsDoNotMatch() {
            dns.behave("3.2.0.192.in-addr.arpa", Behaviour.SERVFAIL);
            txt("example.com", "v=spf1 ptr ~all");

            assertThat(check("192.0.2.3", "a@example.com").result()).isEqualTo(SpfResult.SOFTFAIL);
        }

        @Test
        void section5_6_ip4AndIp6() {
            txt("example.com", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ip6:::ffff:198.51.100.7 -all");

            assertThat(check("192.0.2.99", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("2001:db8:ffff::1", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("198.51.100.7", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("2001:db9::1", "a@example.com").result()).isEqualTo(SpfResult.FAIL);
            assertThat(check("198.51.100.8", "a@example.com").result()).isEqualTo(SpfResult.FAIL);
        }

        @Test
        void section5_7_existsAsksForAnAEvenForIpv6Clients() {
            dns.add("2001.user.example.com. 300 IN A 127.0.0.2");
            txt("example.com", "v=spf1 exists:%{l}.user.%{d} -all");

            assertThat(check("2001:db8::1", "2001@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("2001:db8::1", "2002@example.com").result()).isEqualTo(SpfResult.FAIL);
            assertThat(dns.queriesFor("2001.user.example.com")).extracting(LoopbackDnsServer.Query::typeName).containsOnly("A");
        }
    }

    @Nested
    class Modifiers {
        @Test
        void section6_1_redirectReplacesTheResult() {
            txt("example.com", "v=spf1 ip4:192.0.2.1 redirect=_spf.example.net");
            txt("_spf.example.net", "v=spf1 ip4:198.51.100.0/24 ~all");

            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("198.51.100.4", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            assertThat(check("203.0.113.1", "a@example.com").result()).isEqualTo(SpfResult.SOFTFAIL);
        }

        @Test
        void section6_1_redirectIsIgnoredWhenThereIsAnAll() {
            txt("example.com", "v=spf1 redirect=_spf.example.net ?all");
            txt("_spf.example.net", "v=spf1 -all");

            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.NEUTRAL);
        }

        @Test
        void section6_1_redirectToNoRecordIsPermerror() {
            txt("example.com", "v=spf1 redirect=nothing.example.net");
            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.PERMERROR);
        }

        @Test
        void section6_2_explanationForFailWithMacros() {
            txt("example.com", "v=spf1 -all exp=why.%{d}");
            txt("why.example.com", "%{c} may not send for %{d} (%{r} at %{t}); see https://%{d}/spf?%{S}");

            SpfVerdict verdict = check("2001:db8::1", "a+b@example.com");

            assertThat(verdict.result()).isEqualTo(SpfResult.FAIL);
            assertThat(verdict.explanation()).contains(
                "2001:db8::1 may not send for example.com (mx.example.net at 1700000000); see https://example.com/spf?a%2Bb%40example.com");
        }

        @Test
        void section6_2_noExplanationForOtherResultsOrBrokenExp() {
            txt("soft.example.com", "v=spf1 ~all exp=why.example.com");
            txt("bad.example.com", "v=spf1 -all exp=bad-why.example.com");
            txt("two.example.com", "v=spf1 -all exp=two-why.example.com");
            txt("why.example.com", "never shown");
            txt("bad-why.example.com", "%{x}");
            txt("two-why.example.com", "one");
            txt("two-why.example.com", "two");

            assertThat(check("192.0.2.1", "a@soft.example.com").explanation()).isEmpty();
            assertThat(check("192.0.2.1", "a@bad.example.com").explanation()).isEmpty();
            assertThat(check("192.0.2.1", "a@two.example.com").explanation()).isEmpty();
            assertThat(check("192.0.2.1", "a@nothing.example.com").explanation()).isEmpty();
        }

        @Test
        void section6_2_redirectUsesTheTargetsExpAndIncludeNeverItsOwn() {
            txt("r.example.com", "v=spf1 exp=original.example.com redirect=target.example.com");
            txt("target.example.com", "v=spf1 -all exp=target-why.example.com");
            txt("original.example.com", "from the original");
            txt("target-why.example.com", "from %{d}");
            txt("i.example.com", "v=spf1 include:target.example.com -all exp=i-why.example.com");
            txt("i-why.example.com", "from the includer");

            assertThat(check("192.0.2.1", "a@r.example.com").explanation()).contains("from target.example.com");
            assertThat(check("192.0.2.1", "a@i.example.com").explanation()).contains("from the includer");
        }

        @Test
        void section7_3_validatedDomainMacro() {
            dns.add("1.2.0.192.in-addr.arpa. 300 IN PTR mail.example.com.", "mail.example.com. 300 IN A 192.0.2.1",
                "mail.example.com.allowed.example.org. 300 IN A 127.0.0.2");
            txt("example.com", "v=spf1 exists:%{p}.allowed.example.org -all");

            assertThat(check("192.0.2.1", "a@example.com").result()).isEqualTo(SpfResult.PASS);
            // No validated name: %{p} is "unknown".
            assertThat(check("192.0.2.2", "a@example.com").result()).isEqualTo(SpfResult.FAIL);
            assertThat(dns.queriesFor("unknown.allowed.example.org")).isNotEmpty();
        }
    }

    @Nested
    class Header {
        @Test
        void section9_1_receivedSpf() {
            txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all");

            assertThat(check("192.0.2.1", "alice@example.com").receivedSpf("mx.example.net")).isEqualTo(
                "pass (mx.example.net: domain of alice@example.com designates 192.0.2.1 as permitted sender) "
                    + "client-ip=192.0.2.1; envelope-from=\"alice@example.com\"; helo=mail.example.net; "
                    + "receiver=mx.example.net; identity=mailfrom; mechanism=\"ip4:192.0.2.0/24\"");
            assertThat(ReceivedSpf.header(check("2001:db8::1", "alice@example.com"), "mx.example.net")).isEqualTo(
                "Received-SPF: fail (mx.example.net: domain of alice@example.com does not designate 2001:db8::1 as permitted sender) "
                    + "client-ip=\"2001:db8::1\"; envelope-from=\"alice@example.com\"; helo=mail.example.net; "
                    + "receiver=mx.example.net; identity=mailfrom; mechanism=-all");
        }

        @Test
        void section9_1_errorsCarryTheProblemQuoted() {
            txt("example.com", "v=spf1 a:museum");

            String header = check("192.0.2.1", "bob@example.com").receivedSpf("mx.example.net");

            assertThat(header).startsWith("permerror (mx.example.net: permanent error in processing domain of bob@example.com: ");
            assertThat(header).contains("; problem=\"spf: 'museum' in 'a:museum' is not a domain name");
        }
    }
}
