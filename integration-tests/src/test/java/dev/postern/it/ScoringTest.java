package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import javax.mail.Folder;
import javax.mail.Message;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.sun.mail.imap.IMAPFolder;

/**
 * Spam scoring end to end, through SMTP and IMAP: each action where it happens (554 and 451 at
 * DATA; X-Spam headers, Junk and the subject at delivery), and Bayes learning from an IMAP move
 * into Junk. The rules are src/test/resources/scoring/scoring.xml: a clean message scores 1, and
 * each test recipient has one action's threshold at 0.5. The Bayes test runs last: once Bayes
 * has learned both classes, its symbols change every later score.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoringTest {

    static final Duration DELIVERY = Duration.ofSeconds(30);
    static final String PASSWORD = "secret-Passw0rd";
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    static Path data;
    static PosternServer postern;

    @BeforeAll
    static void start() throws Exception {
        Path conf = data.resolve("conf-source");
        PosternServer.copyConfiguration(conf);
        try (InputStream rules = ScoringTest.class.getResourceAsStream("/scoring/scoring.xml")) {
            Files.copy(rules, conf.resolve("scoring.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        postern = PosternServer.withFreePorts(data.resolve("run"), Map.of()).start("--conf", conf.toString());
        postern.webAdmin().addDomain("example.org");
        for (String user : new String[] {"inbox", "junk", "subject", "grey", "soft", "bayes"}) {
            postern.webAdmin().addUser(user + "@example.org", PASSWORD);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(postern);
    }

    /** A message that breaks no header rule: it scores 1 (AUTH_NA). */
    static String message(String to, String subject, String body) {
        return SmtpClient.datedMessage("friend@remote.example", to, subject, body);
    }

    /** MAIL, RCPT, DATA; the reply to DATA ("250 ...", "554 ..."). */
    static String send(String to, String message) throws Exception {
        return SmtpClient.send(postern.port(SMTP), "friend@remote.example", to, message);
    }

    static ImapClient imap(String user) throws Exception {
        return ImapClient.startTls(postern.port(IMAP), user, PASSWORD);
    }

    @Test
    void gtubeIsRefusedAtData() throws Exception {
        String reply = send("inbox@example.org", message("inbox@example.org", "gtube", GTUBE));

        assertThat(reply).startsWith("554").contains("5.7.1").contains("GTUBE");
    }

    @Test
    void softRejectAnswers451() throws Exception {
        assertThat(send("soft@example.org", message("soft@example.org", "soft", "hello"))).startsWith("451").contains("4.7.1");
    }

    @Test
    void greylistDefersThenAcceptsTheRetryAfterTheDelay() throws Exception {
        String message = message("grey@example.org", "greylisted", "hello");

        assertThat(send("grey@example.org", message)).startsWith("451").contains("Greylisted");
        assertThat(send("grey@example.org", message)).as("retry within the 2 s delay").startsWith("451");
        Thread.sleep(2500);
        assertThat(send("grey@example.org", message)).startsWith("250");

        try (ImapClient imap = imap("grey@example.org")) {
            String delivered = imap.awaitMessageContaining("INBOX", "Subject: greylisted", DELIVERY);
            assertThat(delivered).contains("X-Spam-Action: no action").contains("GREYLIST_PASSED");
        }
    }

    @Test
    void addHeaderDeliversIntoJunkWithTheHeaders() throws Exception {
        assertThat(send("junk@example.org", message("junk@example.org", "to junk", "hello"))).startsWith("250");

        try (ImapClient imap = imap("junk@example.org")) {
            String delivered = imap.awaitMessageContaining("Junk", "Subject: to junk", DELIVERY);
            assertThat(delivered).contains("X-Spam-Score: 1.00 / 15.00").contains("X-Spam-Action: add header")
                .contains("X-Spam-Symbols: ").contains("AUTH_NA(1.00)");
            assertThat(imap.messages("INBOX")).noneMatch(m -> m.contains("Subject: to junk"));
        }
    }

    @Test
    void rewriteSubjectMarksTheSubject() throws Exception {
        assertThat(send("subject@example.org", message("subject@example.org", "my offer", "hello"))).startsWith("250");

        try (ImapClient imap = imap("subject@example.org")) {
            String delivered = imap.awaitMessageContaining("INBOX", "Subject: *** SPAM *** my offer", DELIVERY);
            assertThat(delivered).contains("X-Spam-Action: rewrite subject");
        }
    }

    @Test
    void cleanMailReachesInboxWithTheHeaders() throws Exception {
        assertThat(send("inbox@example.org", message("inbox@example.org", "lunch", "hello"))).startsWith("250");

        try (ImapClient imap = imap("inbox@example.org")) {
            String delivered = imap.awaitMessageContaining("INBOX", "Subject: lunch", DELIVERY);
            assertThat(delivered).contains("X-Spam-Score: 1.00 / 15.00").contains("X-Spam-Action: no action")
                .contains("X-Spam-Symbols: ");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void movingIntoJunkTeachesBayes() throws Exception {
        learnHamOverWebAdmin("bayes@example.org", message("bayes@example.org", "meeting notes",
            "Minutes of the tuesday meeting about the garden project and the budget review."));
        String spam = "Cheap replica watches, miracle pills and casino bonus: click now, limited offer, act today!";
        assertThat(send("bayes@example.org", message("bayes@example.org", "great deal", spam))).startsWith("250");

        try (ImapClient imap = imap("bayes@example.org")) {
            String first = imap.awaitMessageContaining("INBOX", "Subject: great deal", DELIVERY);
            assertThat(first).as("nothing learned as spam yet").doesNotContain("BAYES_SPAM").contains("X-Spam-Score: 1.00");
            Folder junk = imap.folder("Junk");
            if (!junk.exists()) {
                junk.create(Folder.HOLDS_MESSAGES);
            }
            IMAPFolder inbox = (IMAPFolder) imap.folder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] toMove = Stream.of(inbox.getMessages()).filter(m -> subject(m).equals("great deal")).toArray(Message[]::new);
            assertThat(toMove).hasSize(1);
            inbox.moveMessages(toMove, junk);
            inbox.close(true);
        }

        Instant deadline = Instant.now().plus(DELIVERY);
        String later;
        int attempt = 0;
        do { // the listener learns asynchronously: send until the new message shows Bayes
            attempt++;
            send("bayes@example.org", message("bayes@example.org", "great deal again " + attempt, spam));
            try (ImapClient imap = imap("bayes@example.org")) {
                later = awaitInEither(imap, "Subject: great deal again " + attempt);
            }
        } while (!later.contains("BAYES_SPAM") && Instant.now().isBefore(deadline));
        assertThat(later).contains("BAYES_SPAM");
        assertThat(score(later)).isGreaterThan(1.0);
    }

    private static String awaitInEither(ImapClient imap, String text) throws Exception {
        Instant deadline = Instant.now().plus(DELIVERY);
        while (Instant.now().isBefore(deadline)) {
            for (String folder : new String[] {"INBOX", "Junk"}) {
                for (String message : imap.messages(folder)) {
                    if (message.contains(text)) {
                        return message;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no message containing '" + text + "' in INBOX or Junk within " + DELIVERY);
    }

    private static double score(String message) {
        int at = message.indexOf("X-Spam-Score: ") + "X-Spam-Score: ".length();
        return Double.parseDouble(message.substring(at, message.indexOf(' ', at)));
    }

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (javax.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void learnHamOverWebAdmin(String user, String message) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + postern.port(PosternServer.Listener.WEBADMIN) + "/postern/bayes/ham?user=" + user);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"learned\":true}");
    }
}
