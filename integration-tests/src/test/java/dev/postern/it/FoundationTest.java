package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.IMAPS;
import static dev.postern.it.PosternServer.Listener.MANAGESIEVE;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static dev.postern.it.PosternServer.Listener.SMTPS;
import static dev.postern.it.PosternServer.Listener.SUBMISSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.mail.AuthenticationFailedException;
import javax.mail.MessagingException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

import dev.postern.dns.LoopbackDnsServer;
import dev.postern.dns.LoopbackDnsServer.Behaviour;
import dev.postern.dns.LoopbackDnsServer.Transport;

/**
 * The distribution a user runs, driven by real clients: SMTP (Commons Net, swaks), IMAP
 * (JavaMail), ManageSieve (raw socket), WebAdmin (HTTP), and a real DNS server on loopback that
 * POSTERN_DNS points James at.
 */
class FoundationTest {

    static final Duration DELIVERY = Duration.ofSeconds(30);
    static final String PASSWORD = "secret-Passw0rd";
    static final String THREAD_IDS = "integration-tests/src/test/resources/imap/thread_ids.py";

    @TempDir
    static Path data;
    static LoopbackDnsServer dns;
    static PosternServer postern;

    @BeforeAll
    static void start() throws Exception {
        dns = LoopbackDnsServer.start();
        postern = PosternServer.withFreePorts(data, Map.of("POSTERN_DNS", dns.address())).start();
        WebAdmin webAdmin = postern.webAdmin();
        webAdmin.addDomain("example.org");
        webAdmin.addUser("me@example.org", PASSWORD);
        webAdmin.addUser("you@example.org", PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(postern, dns);
    }

    @Test
    void printsOneReadyLineNamingEveryListener() {
        List<String> ready = postern.output().stream().filter(line -> line.contains("Postern ready")).toList();

        assertThat(ready).hasSize(1);
        for (PosternServer.Listener listener : PosternServer.Listener.values()) {
            assertThat(ready.get(0)).contains("127.0.0.1:" + postern.port(listener));
        }
    }

    @Test
    void theScanLogIsOffByDefaultAndItsSearchSaysHowToTurnItOn() throws Exception {
        WebAdmin.Reply search = postern.webAdmin().getReply("/postern/scans?dmarc=fail");

        assertThat(search.status()).isEqualTo(409);
        assertThat(search.body()).contains("opensearch.enabled=true");
        assertThat(postern.webAdmin().get("/postern/scans/status")).contains("\"enabled\":false").contains("\"deadLetters\":0");
    }

    @Test
    void subaddressedMailIsAcceptedAndReadableOverImap() throws Exception {
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            assertThat(smtp.mailFrom("alice@remote.example")).isEqualTo(250);
            assertThat(smtp.rcptTo("me+Shop@example.org")).isEqualTo(250);
            assertThat(smtp.data(SmtpClient.message("alice@remote.example", "me+Shop@example.org", "tagged order", "hello"))).isEqualTo(250);
        }

        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "me@example.org", PASSWORD)) {
            String message = imap.awaitMessageContaining("INBOX.shop", "Subject: tagged order", DELIVERY);
            assertThat(message)
                .contains("X-Original-To: me+Shop@example.org")
                .contains("Delivered-To: me@example.org");
        }
    }

    @Test
    void aReplyJoinsTheThreadOfItsOriginalAndAnUnrelatedMessageStartsAnother() throws Exception {
        // Thread ids (RFC 8474 THREADID) come from Postern's thread table (IndexedThreadIdGuessing).
        postern.webAdmin().addUser("threads@example.org", PASSWORD);
        String original = "<lunch-1@remote.example>";
        List<String> bodies = List.of("Noon at the usual place?", "Yes, noon is fine.", "Another lunch altogether.");
        List<String> messages = List.of(
            SmtpClient.datedMessage("alice@remote.example", "threads@example.org", "Lunch", original, bodies.get(0)),
            "In-Reply-To: " + original + "\r\nReferences: " + original + "\r\n"
                + SmtpClient.datedMessage("bob@remote.example", "threads@example.org", "Re: Lunch", "<lunch-2@remote.example>", bodies.get(1)),
            SmtpClient.datedMessage("carol@remote.example", "threads@example.org", "Lunch", "<other@remote.example>", bodies.get(2)));
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "threads@example.org", PASSWORD)) {
            for (int i = 0; i < messages.size(); i++) {
                assertThat(SmtpClient.send(postern.port(SMTP), "sender@remote.example", "threads@example.org", messages.get(i))).startsWith("250");
                imap.awaitMessageContaining("INBOX", bodies.get(i), DELIVERY); // one at a time: INBOX order is sending order
            }
        }

        List<String> threads = threadIds("threads@example.org");

        assertThat(threads).hasSize(3);
        assertThat(threads.get(1)).isEqualTo(threads.get(0));
        assertThat(threads.get(2)).isNotEqualTo(threads.get(0));
    }

    /** THREADID of each message of the user's INBOX, in sequence order, read by Python's imaplib. */
    private static List<String> threadIds(String user) throws Exception {
        Path script = Path.of(System.getProperty("postern.root", "..")).resolve(THREAD_IDS);
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(postern.port(IMAP)), user, PASSWORD)
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().map(line -> line.split(" ")[1]).toList();
    }

    @Test
    void unknownUsersAreRefusedWith550EvenWithADetail() throws Exception {
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            assertThat(smtp.mailFrom("alice@remote.example")).isEqualTo(250);

            assertThat(smtp.rcptTo("nobody@example.org")).isEqualTo(550);
            assertThat(smtp.reply()).contains("5.1.1").contains("nobody@example.org");
            assertThat(smtp.rcptTo("nobody+shop@example.org")).isEqualTo(550);
            assertThat(smtp.rcptTo("+shop@example.org")).isEqualTo(550);
            assertThat(smtp.rcptTo("you+@example.org")).isEqualTo(250);
        }
    }

    @Test
    void submissionRequiresStarttlsAndAuthentication() throws Exception {
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SUBMISSION))) {
            smtp.ehlo();
            assertThat(smtp.mailFrom("me@example.org")).isEqualTo(530);
            assertThat(smtp.reply()).contains("5.7.0 Authentication required");
        }
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SUBMISSION))) {
            smtp.ehlo();
            assertThat(smtp.startTls()).isTrue();
            smtp.ehlo();
            assertThat(smtp.authenticate("me@example.org", "wrong password")).isFalse();
            assertThat(smtp.authenticate("me@example.org", PASSWORD)).isTrue();
            smtp.send("me@example.org", SmtpClient.message("me@example.org", "you+news@example.org", "submitted", "hi"),
                "you+news@example.org");
        }
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "you@example.org", PASSWORD)) {
            assertThat(imap.awaitMessageContaining("INBOX.news", "Subject: submitted", DELIVERY))
                .contains("X-Original-To: you+news@example.org");
        }
    }

    @Test
    void smtpsRequiresAuthenticationOverImplicitTls() throws Exception {
        try (SmtpClient smtp = SmtpClient.connectTls(postern.port(SMTPS))) {
            smtp.ehlo();
            assertThat(smtp.mailFrom("me@example.org")).isEqualTo(530);
        }
        try (SmtpClient smtp = SmtpClient.connectTls(postern.port(SMTPS))) {
            smtp.ehlo();
            assertThat(smtp.authenticate("me@example.org", PASSWORD)).isTrue();
            assertThat(smtp.mailFrom("me@example.org")).isEqualTo(250);
        }
    }

    @Test
    void imapRefusesPlainTextLoginBeforeStarttlsAndServesImaps() throws Exception {
        assertThatThrownBy(() -> ImapClient.plain(postern.port(IMAP), "me@example.org", PASSWORD).close())
            .isInstanceOf(MessagingException.class);

        try (ImapClient imap = ImapClient.implicitTls(postern.port(IMAPS), "me@example.org", PASSWORD)) {
            assertThat(imap.messages("INBOX")).isNotNull();
        }
        assertThatThrownBy(() -> ImapClient.implicitTls(postern.port(IMAPS), "me@example.org", "wrong").close())
            .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void manageSieveAnnouncesItsCapabilities() throws Exception {
        List<String> greeting = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", postern.port(MANAGESIEVE))) {
            socket.setSoTimeout(10_000);
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                greeting.add(line);
                if (line.startsWith("OK")) {
                    break;
                }
            }
        }
        assertThat(greeting).anyMatch(line -> line.startsWith("\"SIEVE\""));
        assertThat(greeting).anyMatch(line -> line.startsWith("\"STARTTLS\""));
        assertThat(greeting.get(greeting.size() - 1)).startsWith("OK");
    }

    @Test
    void swaksDeliversToASubaddress() throws Exception {
        Process swaks = new ProcessBuilder("swaks", "--server", "127.0.0.1", "--port", String.valueOf(postern.port(SMTP)),
            "--from", "bob@remote.example", "--to", "me+swaks@example.org",
            "--header", "Subject: sent by swaks", "--body", "hello from swaks")
            .redirectErrorStream(true).start();
        String transcript = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(swaks.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(swaks.exitValue()).as("swaks (Debian package swaks) exit status; transcript:\n" + transcript).isZero();
        assertThat(transcript).contains("<-  250 2.1.5 Recipient <me+swaks@example.org> OK");

        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "me@example.org", PASSWORD)) {
            assertThat(imap.awaitMessageContaining("INBOX.swaks", "Subject: sent by swaks", DELIVERY))
                .contains("X-Original-To: me+swaks@example.org");
        }
    }

    @Test
    void jamesAsksThePosternDnsServerOverUdpThenTcp() throws Exception {
        dns.add("remote.test. 300 IN MX 10 mx.remote.test.", "mx.remote.test. 300 IN A 127.0.0.1")
            .behave("remote.test", Behaviour.TRUNCATE_UDP);

        try (SmtpClient smtp = SmtpClient.submission(postern.port(SUBMISSION), "me@example.org", PASSWORD)) {
            smtp.send("me@example.org", SmtpClient.message("me@example.org", "friend@remote.test", "outbound", "hi"),
                "friend@remote.test");
        }

        Instant deadline = Instant.now().plus(DELIVERY);
        List<LoopbackDnsServer.Query> mxQueries;
        do {
            Thread.sleep(200);
            mxQueries = dns.queriesFor("remote.test").stream().filter(query -> query.type() == Type.MX).toList();
        } while (mxQueries.stream().noneMatch(query -> query.transport() == Transport.TCP) && Instant.now().isBefore(deadline));
        assertThat(mxQueries).extracting(LoopbackDnsServer.Query::transport).contains(Transport.UDP, Transport.TCP);
    }
}
