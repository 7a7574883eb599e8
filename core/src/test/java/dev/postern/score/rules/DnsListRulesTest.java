package dev.postern.score.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postern.dns.StaticResolver;
import dev.postern.score.ScanContext;
import dev.postern.score.TestData;
import dev.postern.score.config.DnsListZone;

class DnsListRulesTest {

    private static final List<DnsListZone> ZONES = List.of(new DnsListZone("RBL_A", "a.test"), new DnsListZone("RBL_B", "b.test"));

    private static RuleInput from(String ip) throws Exception {
        return TestData.input(TestData.message("clean.eml"),
            ScanContext.ofRecipients("bob@example.org").withClientIp(InetAddress.getByName(ip)));
    }

    @Test
    void theReversedClientAddressIsLookedUpUnderEachZone() throws Exception {
        StaticResolver dns = new StaticResolver().address("10.113.0.203.a.test", "127.0.0.2");
        assertThat(new RblRule(dns, ZONES).check(from("203.0.113.10")))
            .singleElement().satisfies(hit -> {
                assertThat(hit.symbol()).isEqualTo("RBL_A");
                assertThat(hit.options()).containsExactly("203.0.113.10:127.0.0.2");
            });
        assertThat(dns.asked).containsExactly("10.113.0.203.a.test", "10.113.0.203.b.test");
    }

    @Test
    void ipv6IsReversedByNibbles() throws Exception {
        assertThat(DnsLists.reversed(InetAddress.getByName("2001:db8::1")))
            .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2");
    }

    @Test
    void refusalCodesAndFailuresAreNoListing() throws Exception {
        StaticResolver dns = new StaticResolver().address("10.113.0.203.a.test", "127.255.255.254").failing("10.113.0.203.b.test");
        assertThat(new RblRule(dns, ZONES).check(from("203.0.113.10"))).isEmpty();
        StaticResolver notLoopback = new StaticResolver().address("10.113.0.203.a.test", "192.0.2.1");
        assertThat(new RblRule(notLoopback, ZONES).check(from("203.0.113.10"))).isEmpty();
    }

    @Test
    void localClientsAreNotLookedUp() throws Exception {
        StaticResolver dns = new StaticResolver();
        assertThat(new RblRule(dns, ZONES).check(from("192.168.1.5"))).isEmpty();
        assertThat(new RblRule(dns, ZONES).check(from("127.0.0.1"))).isEmpty();
        assertThat(new RblRule(dns, ZONES).check(TestData.input("clean.eml"))).isEmpty();
        assertThat(dns.asked).isEmpty();
    }

    @Test
    void urlDomainsOfHtmlAndTextAreLookedUp() {
        StaticResolver dns = new StaticResolver().address("spamdomain.example.u.test", "127.0.0.2")
            .address("7.113.0.203.u.test", "127.0.0.4");
        List<Hit> hits = new UriblRule(dns, List.of(new DnsListZone("URIBL_U", "u.test"))).check(TestData.input("html-only.eml"));
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.symbol()).isEqualTo("URIBL_U");
            assertThat(hit.options()).containsExactly("spamdomain.example", "7.113.0.203");
        });
        assertThat(dns.asked).containsExactly("spamdomain.example.u.test", "other.co.uk.u.test", "7.113.0.203.u.test");
    }

    @Test
    void registeredDomains() {
        assertThat(UriblRule.queryName("click.tracker.spamdomain.example")).contains("spamdomain.example");
        assertThat(UriblRule.queryName("www.shop.co.uk")).contains("shop.co.uk");
        assertThat(UriblRule.queryName("10.0.0.1")).isEmpty();
        assertThat(UriblRule.queryName("localhost")).isEmpty();
    }
}
