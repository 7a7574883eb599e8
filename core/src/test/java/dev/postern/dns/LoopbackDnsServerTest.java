package dev.postern.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import dev.postern.dns.LoopbackDnsServer.Behaviour;
import dev.postern.dns.LoopbackDnsServer.Transport;

/** The test DNS server is itself tested, since every DNS test trusts it. */
class LoopbackDnsServerTest {

    private static Lookup lookup(LoopbackDnsServer dns, String name, int type) throws Exception {
        SimpleResolver resolver = new SimpleResolver(dns.address().split(":")[0]);
        resolver.setPort(dns.port());
        resolver.setTimeout(Duration.ofMillis(500));
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(null);
        lookup.run();
        return lookup;
    }

    @Test
    void answersFromItsRecordsOverUdp() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.add("example.org. 300 IN TXT \"v=spf1 -all\"");

            Lookup lookup = lookup(dns, "example.org.", Type.TXT);

            assertThat(lookup.getResult()).isEqualTo(Lookup.SUCCESSFUL);
            Record[] answers = lookup.getAnswers();
            assertThat(((TXTRecord) answers[0]).getStrings()).containsExactly("v=spf1 -all");
            assertThat(dns.queriesFor("example.org")).containsExactly(new LoopbackDnsServer.Query("example.org.", Type.TXT, Transport.UDP));
        }
    }

    @Test
    void distinguishesNxdomainFromAnEmptyAnswer() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.add("example.org. 300 IN A 192.0.2.1");

            assertThat(lookup(dns, "example.org.", Type.TXT).getResult()).isEqualTo(Lookup.TYPE_NOT_FOUND);
            assertThat(lookup(dns, "nothing.example.org.", Type.TXT).getResult()).isEqualTo(Lookup.HOST_NOT_FOUND);
        }
    }

    @Test
    void truncatesOverUdpSoTheClientRepeatsOverTcp() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.add("big.example.org. 300 IN TXT \"v=spf1 -all\"").behave("big.example.org", Behaviour.TRUNCATE_UDP);

            assertThat(lookup(dns, "big.example.org.", Type.TXT).getResult()).isEqualTo(Lookup.SUCCESSFUL);
            assertThat(dns.queriesFor("big.example.org")).extracting(LoopbackDnsServer.Query::transport)
                .containsExactly(Transport.UDP, Transport.TCP);
        }
    }

    @Test
    void failsAndTimesOutOnRequest() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.add("example.org. 300 IN TXT \"x\"").behave("example.org", Behaviour.SERVFAIL)
                .add("slow.example.org. 300 IN TXT \"x\"").behave("slow.example.org", Behaviour.TIMEOUT);

            assertThat(lookup(dns, "example.org.", Type.TXT).getResult()).isEqualTo(Lookup.TRY_AGAIN);
            assertThat(lookup(dns, "slow.example.org.", Type.TXT).getResult()).isEqualTo(Lookup.TRY_AGAIN);
        }
    }

    @Test
    void refusesOnRequest() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.add("example.org. 300 IN TXT \"x\"").behave("example.org", Behaviour.REFUSED);

            SimpleResolver resolver = new SimpleResolver("127.0.0.1");
            resolver.setPort(dns.port());
            Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("example.org."), Type.TXT, DClass.IN)));

            assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
        }
    }

    @Test
    void negativeAnswersCarryTheZoneSoa() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.add("example.org. 3600 IN SOA ns.example.org. hostmaster.example.org. 1 7200 900 1209600 120");
            SimpleResolver resolver = new SimpleResolver("127.0.0.1");
            resolver.setPort(dns.port());
            Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("missing.example.org."), Type.TXT, DClass.IN)));

            assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(response.getSection(Section.AUTHORITY)).singleElement()
                .satisfies(soa -> assertThat(soa.getName()).isEqualTo(Name.fromString("example.org.")));
        }
    }

    @Test
    void answersWithTheCnameForOtherTypes() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.add("alias.example.org. 300 IN CNAME real.example.org.", "real.example.org. 300 IN A 192.0.2.1");

            Lookup lookup = lookup(dns, "alias.example.org.", Type.A);

            assertThat(lookup.getResult()).isEqualTo(Lookup.SUCCESSFUL);
            assertThat(lookup.getAnswers()[0].rdataToString()).isEqualTo("192.0.2.1");
        }
    }

    @Test
    void replacesAndRemovesRecords() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            dns.add("example.org. 300 IN TXT \"one\"", "example.org. 300 IN TXT \"two\"", "example.org. 300 IN A 192.0.2.1");

            dns.replace("example.org. 300 IN TXT \"three\"");
            assertThat(((TXTRecord) lookup(dns, "example.org.", Type.TXT).getAnswers()[0]).getStrings()).containsExactly("three");
            assertThat(lookup(dns, "example.org.", Type.TXT).getAnswers()).hasSize(1);

            dns.removeType("example.org", "TXT");
            assertThat(lookup(dns, "example.org.", Type.TXT).getResult()).isEqualTo(Lookup.TYPE_NOT_FOUND);
            dns.remove("example.org");
            assertThat(lookup(dns, "example.org.", Type.A).getResult()).isEqualTo(Lookup.HOST_NOT_FOUND);
        }
    }
}
