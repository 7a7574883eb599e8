package dev.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class DkimCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PosternCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dnsRecordsPrintsTheZoneFromWebAdmin() throws Exception {
        HttpServer webAdmin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webAdmin.createContext("/postern/dns-records/example.org", exchange -> {
            byte[] zone = "example.org. 3600 IN TXT \"v=spf1 mx -all\"\n".getBytes(StandardCharsets.UTF_8);
            assertThat(exchange.getRequestURI().getQuery()).isEqualTo("format=zone");
            exchange.sendResponseHeaders(200, zone.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(zone);
            }
        });
        webAdmin.start();
        try {
            int status = run("dns-records", "example.org", "--webadmin", "http://127.0.0.1:" + webAdmin.getAddress().getPort() + "/");

            assertThat(status).as(err()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("example.org. 3600 IN TXT \"v=spf1 mx -all\"\n");
        } finally {
            webAdmin.stop(0);
        }
    }

    @Test
    void dnsRecordsSaysWhenNoServerRuns() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        assertThat(run("dns-records", "example.org", "--webadmin", "http://127.0.0.1:" + port)).isEqualTo(1);
        assertThat(err()).contains("no WebAdmin at http://127.0.0.1:" + port + "; start Postern (./postern run)");
    }

    @Test
    void argumentErrorsSayHowToWriteTheCommand() {
        assertThat(run("dns-records")).isEqualTo(2);
        assertThat(err()).contains("give the domain, e.g. ./postern dns-records example.org");
        assertThat(run("dkim", "sign", "x.eml")).isEqualTo(2);
        assertThat(err()).contains("write: ./postern dkim verify FILE.eml");
        assertThat(run("dkim", "verify", "/nonexistent/x.eml")).isEqualTo(2);
        assertThat(err()).contains("no file /nonexistent/x.eml");
    }

    @Test
    void anUnsignedMessageIsNone(@TempDir Path dir) throws IOException {
        Path message = Files.writeString(dir.resolve("m.eml"), "From: a@example.org\r\n\r\nhi\r\n");
        // No lookup happens for an unsigned message.
        assertThat(run("dkim", "verify", message.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("dkim=none (the message has no DKIM-Signature)\n");
    }
}
