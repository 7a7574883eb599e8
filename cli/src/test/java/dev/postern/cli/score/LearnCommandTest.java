package dev.postern.cli.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** Against a stand-in for WebAdmin on loopback: what the command sends and prints. */
class LearnCommandTest {

    @TempDir
    Path dir;
    HttpServer webadmin;
    final List<String> requests = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        webadmin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webadmin.createContext("/postern/bayes/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
            byte[] answer = "{\"learned\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        webadmin.start();
    }

    @AfterEach
    void stop() {
        webadmin.stop(0);
    }

    @Test
    void postsEachMessageWithoutItsMboxLine() throws Exception {
        Path file = dir.resolve("m.eml");
        Files.writeString(file, "From x Sun Nov 29 12:00:00 2026\nSubject: hi\n\nbody\n");
        String url = "http://127.0.0.1:" + webadmin.getAddress().getPort();

        int status = new LearnCommand().run(List.of("spam", "--user", "me@example.org", "--webadmin", url, file.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(requests).containsExactly("POST /postern/bayes/spam?user=me%40example.org Subject: hi\n\nbody\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"file\":\"" + file + "\",\"learned\":true}\n");
    }

    @Test
    void saysWhenNoServerListens() throws Exception {
        Path file = dir.resolve("m.eml");
        Files.writeString(file, "Subject: hi\n\nbody\n");
        int port = webadmin.getAddress().getPort();
        webadmin.stop(0);

        int status = new LearnCommand().run(List.of("ham", "--webadmin", "http://127.0.0.1:" + port, file.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no WebAdmin at http://127.0.0.1:" + port);
    }
}
