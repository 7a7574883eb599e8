package dev.postern.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class DnsServersTest {

    @Test
    void readsHostAndPort() {
        assertThat(DnsServers.parse("127.0.0.1:5353", "test"))
            .isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 5353));
    }

    @Test
    void defaultsToPort53() {
        assertThat(DnsServers.parse("127.0.0.1", "test").getPort()).isEqualTo(53);
        assertThat(DnsServers.parse("::1", "test"))
            .isEqualTo(InetSocketAddress.createUnresolved("::1", 53));
    }

    @Test
    void readsBracketedIpv6() {
        assertThat(DnsServers.parse("[::1]:5353", "test"))
            .isEqualTo(InetSocketAddress.createUnresolved("::1", 5353));
        assertThat(DnsServers.parse("[::1]", "test").getPort()).isEqualTo(53);
    }

    @Test
    void readsAList() {
        assertThat(DnsServers.parseList("127.0.0.1:5353, 127.0.0.2", "test"))
            .containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 5353),
                InetSocketAddress.createUnresolved("127.0.0.2", 53));
    }

    @Test
    void saysWhatIsWrongAndHowToWriteIt() {
        assertThatThrownBy(() -> DnsServers.parse("127.0.0.1:dns", "POSTERN_DNS"))
            .hasMessage("POSTERN_DNS: '127.0.0.1:dns' is not a DNS server; write host, host:port or [ipv6]:port, e.g. 127.0.0.1:5353");
        assertThatThrownBy(() -> DnsServers.parse("127.0.0.1:70000", "POSTERN_DNS")).hasMessageContaining("is not a DNS server");
        assertThatThrownBy(() -> DnsServers.parse(":53", "POSTERN_DNS")).hasMessageContaining("is not a DNS server");
        assertThatThrownBy(() -> DnsServers.parse("[::1", "POSTERN_DNS")).hasMessageContaining("is not a DNS server");
    }
}
