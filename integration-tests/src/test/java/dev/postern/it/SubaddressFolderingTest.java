package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native subaddress foldering (FileIntoSubaddressFolder, on by default) through SMTP and IMAP. */
class SubaddressFolderingTest {

    static final Duration DELIVERY = Duration.ofSeconds(30);
    static final String PASSWORD = "secret-Passw0rd";

    @TempDir
    static Path data;
    static PosternServer postern;

    @BeforeAll
    static void start() throws Exception {
        postern = PosternServer.withFreePorts(data, Map.of()).start();
        postern.webAdmin().addDomain("example.org");
        postern.webAdmin().addUser("demo@example.org", PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(postern);
    }

    private static void send(String to, String subject) throws Exception {
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            smtp.send("shop@remote.example", SmtpClient.message("shop@remote.example", to, subject, "hello"), to);
        }
    }

    private static ImapClient imap() throws Exception {
        return ImapClient.startTls(postern.port(IMAP), "demo@example.org", PASSWORD);
    }

    private static long notificationsFor(ImapClient imap, String folder) throws Exception {
        return imap.messages("INBOX").stream().filter(message -> message.contains("Subject: New folder " + folder)).count();
    }

    @Test
    void filesIntoAFolderCreatedOnFirstUseWithOneNotification() throws Exception {
        send("demo+Shop@example.org", "first order");

        try (ImapClient imap = imap()) {
            assertThat(imap.awaitMessageContaining("INBOX.shop", "Subject: first order", DELIVERY))
                .contains("X-Original-To: demo+Shop@example.org");
            String notification = imap.awaitMessageContaining("INBOX", "Subject: New folder INBOX.shop", DELIVERY);
            assertThat(notification).contains("Auto-Submitted: auto-generated")
                .contains("Folder INBOX.shop was just created for mail to demo+Shop@example.org.");
        }

        send("demo+shop@example.org", "second order");

        try (ImapClient imap = imap()) {
            imap.awaitMessageContaining("INBOX.shop", "Subject: second order", DELIVERY);
            assertThat(imap.messages("INBOX.shop")).hasSize(2);
            assertThat(notificationsFor(imap, "INBOX.shop")).isEqualTo(1);
        }
    }

    @Test
    void mailWithoutADetailStaysInInbox() throws Exception {
        send("demo@example.org", "plain mail");

        try (ImapClient imap = imap()) {
            imap.awaitMessageContaining("INBOX", "Subject: plain mail", DELIVERY);
        }
    }

    @Test
    void hostileDetailsNeverNameAFolder() throws Exception {
        List<String> hostile = List.of("demo+Trash@example.org", "demo+INBOX@example.org", "demo+a.b@example.org",
            "demo+x/y@example.org", "demo+" + "l".repeat(65) + "@example.org", "\"demo+a b\"@example.org");
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            for (String to : hostile) {
                assertThat(smtp.mailFrom("evil@remote.example")).isEqualTo(250);
                int rcpt = smtp.rcptTo(to);
                if (rcpt == 250) {
                    assertThat(smtp.data(SmtpClient.message("evil@remote.example", "demo@example.org", "hostile " + to, "x")))
                        .isEqualTo(250);
                } else {
                    // Refusing an address that names no user is fine too; delivering it elsewhere is not.
                    assertThat(rcpt).as(to).isEqualTo(550);
                    smtp.reset();
                }
            }
        }

        try (ImapClient imap = imap()) {
            imap.awaitMessageContaining("INBOX", "Subject: hostile demo+l", DELIVERY);
            for (String folder : List.of("INBOX.trash", "INBOX.inbox", "INBOX.a", "INBOX.a.b", "INBOX.x", "Trash")) {
                assertThat(imap.messages(folder)).as(folder).isEmpty();
            }
            assertThat(imap.folders()).allMatch(folder -> folder.equals("INBOX") || folder.equals("INBOX.shop"));
        }
    }
}
