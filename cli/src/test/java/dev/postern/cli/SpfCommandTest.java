package dev.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postern.dns.StaticResolver;

class SpfCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** example.com allows 192.0.2.0/24 and refuses the rest, with an explanation. */
    private final SpfCommand command = new SpfCommand(() -> new StaticResolver()
        .txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all exp=exp.example.com")
        .txt("exp.example.com", "%{i} may not send for %{d}"));

    private int run(String... args) throws Exception {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }

    @Test
    void printsTheResultWordFirstThenWhy() throws Exception {
        assertThat(run("192.0.2.7", "alice@example.com", "mail.example.com")).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("pass");
        assertThat(lines.get(1)).isEqualTo("\"ip4:192.0.2.0/24\" of example.com matched 192.0.2.7");
        assertThat(lines.get(2)).startsWith("Received-SPF: pass");
    }

    @Test
    void aFailShowsTheDomainsExplanation() throws Exception {
        assertThat(run("198.51.100.1", "alice@example.com", "mail.example.com")).isEqualTo(1);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("fail");
        assertThat(lines.get(1)).isEqualTo("198.51.100.1 may not send for example.com");
    }

    @Test
    void aHostNameIsNoAddress() {
        assertThatThrownBy(() -> run("mail.example.com", "a@example.com", "h"))
            .hasMessageContaining("'mail.example.com' is not an IP address");
    }
}
