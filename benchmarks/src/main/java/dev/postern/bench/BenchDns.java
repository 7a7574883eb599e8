package dev.postern.bench;

import java.io.IOException;

import dev.postern.dns.LoopbackDnsServer;

/**
 * The DNS both servers of the benchmark ask (POSTERN_DNS), on loopback, answering as the
 * Internet would for a well-run sender: {@code remote.example} publishes SPF authorising the
 * load client's address and a DMARC record (p=none), the client's HELO name has SPF and a
 * forward-confirmed PTR, and every zone has an SOA so that negative answers are cached
 * (RFC 2308 section 5). Without the SOAs every NXDOMAIN would be asked again for each message,
 * which is right for a resolver but measures the DNS server, not the mail server.
 */
final class BenchDns {

    static final String HELO = "client.postern.test";

    private BenchDns() {
    }

    static LoopbackDnsServer start() throws IOException {
        LoopbackDnsServer dns = LoopbackDnsServer.start();
        for (String zone : new String[] {"remote.example", "example.org", "postern.test", "127.in-addr.arpa"}) {
            dns.add(zone + ". 3600 IN SOA ns." + zone + ". hostmaster." + zone + ". 1 7200 900 1209600 3600");
        }
        dns.add("remote.example. 3600 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "_dmarc.remote.example. 3600 IN TXT \"v=DMARC1; p=none\"",
            HELO + ". 3600 IN A 127.0.0.1",
            HELO + ". 3600 IN TXT \"v=spf1 a -all\"",
            "1.0.0.127.in-addr.arpa. 3600 IN PTR " + HELO + ".");
        return dns;
    }
}
