package dev.postern.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import dev.postern.dns.LoopbackDnsServer.Behaviour;
import dev.postern.dns.LoopbackDnsServer.Transport;
import dev.postern.dns.Resolver.Lookup;
import dev.postern.dns.Resolver.Lookup.Status;
import dev.postern.dns.Resolver.MxRecord;

/** Every test asks a real DNS server on 127.0.0.1 over UDP (and TCP when truncated). */
class DnsjavaResolverTest {

    /** A clock the test moves by hand, so TTLs expire without waiting. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
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
    }

    private LoopbackDnsServer dns;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void start() throws Exception {
        dns = LoopbackDnsServer.start();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private DnsjavaResolver.Builder resolver() {
        // Generous, with no retry: query counts stay exact, and a loaded machine is not a timeout.
        return DnsjavaResolver.builder().servers(dns.address()).timeout(Duration.ofSeconds(2)).retries(0).clock(clock);
    }

    @Test
    void concatenatesTheStringsOfEachTxtRecord() {
        dns.add("example.org. 300 IN TXT \"v=spf1 \" \"-all\"", "example.org. 300 IN TXT \"other\"");

        Lookup<String> txt = resolver().build().txt("example.org");

        assertThat(txt.status()).isEqualTo(Status.FOUND);
        assertThat(txt.records()).containsExactlyInAnyOrder("v=spf1 -all", "other");
    }

    @Test
    void readsAddressesMxAndPtr() throws Exception {
        dns.add("example.org. 300 IN A 192.0.2.1", "example.org. 300 IN AAAA 2001:db8::1",
            "example.org. 300 IN MX 20 mx2.example.org.", "example.org. 300 IN MX 10 mx1.example.org.",
            "1.2.0.192.in-addr.arpa. 300 IN PTR mail.example.org.");
        DnsjavaResolver resolver = resolver().build();

        assertThat(resolver.a("example.org").records()).containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(resolver.aaaa("example.org").records()).containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(resolver.addresses("example.org").records()).hasSize(2);
        assertThat(resolver.mx("example.org").records())
            .containsExactly(new MxRecord(10, "mx1.example.org"), new MxRecord(20, "mx2.example.org"));
        assertThat(resolver.ptr(InetAddress.getByName("192.0.2.1")).records()).containsExactly("mail.example.org");
    }

    @Test
    void tellsNxdomainFromAnEmptyAnswer() {
        dns.add("example.org. 300 IN A 192.0.2.1");
        DnsjavaResolver resolver = resolver().build();

        assertThat(resolver.txt("example.org").status()).isEqualTo(Status.NO_RECORDS);
        assertThat(resolver.txt("missing.example.org").status()).isEqualTo(Status.NXDOMAIN);
        assertThat(resolver.txt("missing.example.org").isVoid()).isTrue();
        assertThat(resolver.addresses("missing.example.org").status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void servfailRefusedAndTimeoutAreTemporaryFailures() {
        dns.add("fail.example.org. 300 IN TXT \"x\"").behave("fail.example.org", Behaviour.SERVFAIL)
            .add("refused.example.org. 300 IN TXT \"x\"").behave("refused.example.org", Behaviour.REFUSED)
            .add("slow.example.org. 300 IN TXT \"x\"").behave("slow.example.org", Behaviour.TIMEOUT);
        DnsjavaResolver resolver = resolver().timeout(Duration.ofMillis(300)).build();

        assertThat(resolver.txt("fail.example.org").status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(resolver.txt("refused.example.org").status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(resolver.txt("slow.example.org").status()).isEqualTo(Status.TEMPORARY_FAILURE);
    }

    @Test
    void retriesThenGivesUpAndDoesNotCacheFailures() {
        dns.behave("fail.example.org", Behaviour.SERVFAIL);
        DnsjavaResolver resolver = resolver().retries(2).build();

        resolver.txt("fail.example.org");
        assertThat(dns.queriesFor("fail.example.org")).hasSize(3);

        resolver.txt("fail.example.org");
        assertThat(dns.queriesFor("fail.example.org")).hasSize(6);
    }

    @Test
    void triesTheNextServerWhenOneTimesOut() throws Exception {
        try (LoopbackDnsServer silent = LoopbackDnsServer.start()) {
            silent.behave("example.org", Behaviour.TIMEOUT);
            dns.add("example.org. 300 IN TXT \"v=spf1 -all\"");
            DnsjavaResolver resolver = DnsjavaResolver.builder().servers(silent.address() + "," + dns.address())
                .timeout(Duration.ofSeconds(1)).retries(0).build();

            assertThat(resolver.txt("example.org").records()).containsExactly("v=spf1 -all");
            assertThat(silent.queriesFor("example.org")).hasSize(1);
        }
    }

    @Test
    void repeatsOverTcpWhenTheUdpAnswerIsTruncated() {
        dns.add("big.example.org. 300 IN TXT \"v=spf1 -all\"").behave("big.example.org", Behaviour.TRUNCATE_UDP);

        assertThat(resolver().build().txt("big.example.org").records()).containsExactly("v=spf1 -all");
        assertThat(dns.queriesFor("big.example.org")).extracting(LoopbackDnsServer.Query::transport)
            .containsExactly(Transport.UDP, Transport.TCP);
    }

    @Test
    void followsCnames() throws Exception {
        dns.add("alias.example.org. 300 IN CNAME real.example.net.", "real.example.net. 300 IN A 192.0.2.7");

        // The loopback server does not chase the chain itself: the resolver asks again for the target.
        assertThat(resolver().build().a("alias.example.org").records()).containsExactly(InetAddress.getByName("192.0.2.7"));
    }

    @Test
    void cachesAnswersForTheirTtl() {
        dns.add("example.org. 60 IN TXT \"v=spf1 -all\"");
        DnsjavaResolver resolver = resolver().build();

        resolver.txt("example.org");
        clock.advance(Duration.ofSeconds(59));
        resolver.txt("EXAMPLE.org.");
        assertThat(dns.queriesFor("example.org")).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        dns.replace("example.org. 60 IN TXT \"v=spf1 +all\"");
        assertThat(resolver.txt("example.org").records()).containsExactly("v=spf1 +all");
        assertThat(dns.queriesFor("example.org")).hasSize(2);
    }

    @Test
    void capsLongTtls() {
        dns.add("example.org. 604800 IN TXT \"x\"");
        DnsjavaResolver resolver = resolver().maxTtl(Duration.ofMinutes(10)).build();

        resolver.txt("example.org");
        clock.advance(Duration.ofMinutes(10));
        resolver.txt("example.org");

        assertThat(dns.queriesFor("example.org")).hasSize(2);
    }

    @Test
    void doesNotCacheZeroTtl() {
        dns.add("example.org. 0 IN TXT \"x\"");
        DnsjavaResolver resolver = resolver().build();

        resolver.txt("example.org");
        resolver.txt("example.org");

        assertThat(dns.queriesFor("example.org")).hasSize(2);
    }

    @Test
    void cachesNegativeAnswersForTheSoaMinimum() {
        // RFC 2308 section 5: min(SOA TTL 3600, MINIMUM 120) = 120 s.
        dns.add("example.org. 3600 IN SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 120",
            "example.org. 300 IN A 192.0.2.1");
        DnsjavaResolver resolver = resolver().build();

        assertThat(resolver.txt("missing.example.org").status()).isEqualTo(Status.NXDOMAIN);
        assertThat(resolver.txt("example.org").status()).isEqualTo(Status.NO_RECORDS);
        clock.advance(Duration.ofSeconds(119));
        resolver.txt("missing.example.org");
        resolver.txt("example.org");
        assertThat(dns.queries()).hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        dns.add("missing.example.org. 300 IN TXT \"now here\"");
        assertThat(resolver.txt("missing.example.org").records()).containsExactly("now here");
    }

    @Test
    void capsNegativeTtlAndSkipsNegativeCachingWithoutSoa() {
        dns.add("example.org. 86400 IN SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 86400");
        DnsjavaResolver resolver = resolver().maxNegativeTtl(Duration.ofMinutes(5)).build();
        resolver.txt("missing.example.org");
        clock.advance(Duration.ofMinutes(5));
        resolver.txt("missing.example.org");
        assertThat(dns.queriesFor("missing.example.org")).hasSize(2);

        resolver.txt("nosoa.test");
        resolver.txt("nosoa.test");
        assertThat(dns.queriesFor("nosoa.test")).hasSize(2);
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsSize() {
        dns.add("a.example.org. 300 IN TXT \"a\"", "b.example.org. 300 IN TXT \"b\"", "c.example.org. 300 IN TXT \"c\"");
        DnsjavaResolver resolver = resolver().cacheSize(2).build();

        resolver.txt("a.example.org");
        resolver.txt("b.example.org");
        resolver.txt("a.example.org");
        resolver.txt("c.example.org");
        assertThat(resolver.cacheSize()).isEqualTo(2);
        resolver.txt("a.example.org");
        resolver.txt("b.example.org");

        assertThat(dns.queriesFor("a.example.org")).hasSize(1);
        assertThat(dns.queriesFor("b.example.org")).hasSize(2);
    }

    @Test
    void answersNxdomainForNamesThatCannotExist() {
        String tooLong = "x".repeat(64) + ".example.org";

        assertThat(resolver().build().txt(tooLong).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void saysHowToConfigureWhenNoServerIsGiven() {
        assertThatThrownBy(() -> DnsjavaResolver.builder().servers(List.of()).build())
            .hasMessageContaining("POSTERN_DNS");
        assertThatThrownBy(() -> DnsjavaResolver.builder().timeout(Duration.ZERO))
            .hasMessageContaining("must be positive");
    }

    @Test
    void asksForTheTypeItWasAskedFor() {
        dns.add("example.org. 300 IN MX 10 mx.example.org.");
        resolver().build().mx("example.org");
        assertThat(dns.queries()).extracting(LoopbackDnsServer.Query::type).containsExactly(Type.MX);
    }
}
