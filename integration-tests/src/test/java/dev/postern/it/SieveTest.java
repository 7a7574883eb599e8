package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.MANAGESIEVE;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' Sieve scripts on the running distribution, uploaded over ManageSieve and WebAdmin and
 * run by ExtendedSieve on delivery. The transport processor here only records the detail
 * (RecordSubaddress), so the script alone files mail by detail and creates folders.
 */
class SieveTest {

    static final Duration DELIVERY = Duration.ofSeconds(30);
    static final String PASSWORD = "secret-Passw0rd";
    /** The script users upload: conf/sieve/subaddress-folders.sieve, as shipped. */
    static String subaddressScript;

    @TempDir
    static Path data;
    @TempDir
    static Path conf;
    static PosternServer postern;

    @BeforeAll
    static void start() throws Exception {
        subaddressScript = Files.readString(PosternServer.distribution().resolve("conf/sieve/subaddress-folders.sieve"), StandardCharsets.UTF_8);
        postern = PosternServer.withFreePorts(data, Map.of())
            .start("--conf", SieveServers.confWithoutNativeFoldering(conf).toString());
        postern.webAdmin().addDomain("example.org");
        for (String user : List.of("demo", "web", "broken", "refused")) {
            postern.webAdmin().addUser(user + "@example.org", PASSWORD);
        }
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

    private static ImapClient imap(String user) throws Exception {
        return ImapClient.startTls(postern.port(IMAP), user + "@example.org", PASSWORD);
    }

    private static ManageSieveClient manageSieve(String user) throws Exception {
        return ManageSieveClient.login(postern.port(MANAGESIEVE), user + "@example.org", PASSWORD);
    }

    @Test
    void manageSieveAdvertisesTheExtensions() throws Exception {
        try (ManageSieveClient client = ManageSieveClient.connect(postern.port(MANAGESIEVE))) {
            assertThat(sieveCapability(client.greeting())).contains("variables", "subaddress", "mailbox", "enotify",
                "regex", "imap4flags", "copy", "relational", "body", "encoded-character", "fileinto", "envelope");
            assertThat(client.greeting()).contains("\"STARTTLS\"");
        }
        try (ManageSieveClient client = manageSieve("demo")) {
            List<String> capability = client.capability();
            assertThat(ManageSieveClient.isOk(capability)).isTrue();
            assertThat(sieveCapability(capability)).contains("variables", "subaddress", "mailbox", "enotify");
        }
    }

    private static List<String> sieveCapability(List<String> response) {
        return response.stream().filter(line -> line.startsWith("\"SIEVE\""))
            .findFirst()
            .map(line -> List.of(line.substring("\"SIEVE\" \"".length(), line.length() - 1).split(" ")))
            .orElseThrow(() -> new AssertionError("no SIEVE capability in " + response));
    }

    @Test
    void scriptUploadedOverManageSieveFilesByDetailAndNotifiesOnce() throws Exception {
        try (ManageSieveClient client = manageSieve("demo")) {
            assertThat(client.putScript("subaddress", subaddressScript)).containsExactly("OK");
            assertThat(client.setActive("subaddress")).containsExactly("OK");
        }
        assertFilesByDetailAndNotifiesOnce("demo");
    }

    @Test
    void scriptUploadedOverWebAdminFilesByDetailAndNotifiesOnce() throws Exception {
        assertThat(postern.webAdmin().putSieveScript("web@example.org", "subaddress", subaddressScript).status()).isEqualTo(204);
        assertFilesByDetailAndNotifiesOnce("web");
    }

    private static void assertFilesByDetailAndNotifiesOnce(String user) throws Exception {
        send(user + "+Shop@example.org", "first order");
        try (ImapClient imap = imap(user)) {
            imap.awaitMessageContaining("INBOX.shop", "Subject: first order", DELIVERY);
            String notification = imap.awaitMessageContaining("INBOX", "Subject: Folder INBOX.shop was just created", DELIVERY);
            assertThat(notification).contains("To: " + user + "@example.org").contains("Auto-Submitted: auto-notified");
        }

        send(user + "+shop@example.org", "second order");
        send(user + "@example.org", "no detail");
        try (ImapClient imap = imap(user)) {
            imap.awaitMessageContaining("INBOX", "Subject: no detail", DELIVERY);
            imap.awaitMessageContaining("INBOX.shop", "Subject: second order", DELIVERY);
            assertThat(imap.messages("INBOX.shop")).hasSize(2);
            List<String> inbox = imap.messages("INBOX");
            assertThat(inbox).filteredOn(message -> message.contains("Subject: Folder INBOX.shop was just created")).hasSize(1);
            assertThat(inbox).filteredOn(message -> message.contains("Subject: first order")
                || message.contains("Subject: second order")).isEmpty();
            // James may add its default folders (Sent, Trash, ...); the script made only this one.
            assertThat(imap.folders()).filteredOn(folder -> folder.startsWith("INBOX.")).containsExactly("INBOX.shop");
        }
    }

    @Test
    void manageSieveRefusesAnInvalidScriptWithLineAndReasonAndDoesNotStoreIt() throws Exception {
        try (ManageSieveClient client = manageSieve("refused")) {
            List<String> missingSemicolon = client.putScript("broken", "require [\"fileinto\"];\nif true {\n  fileinto \"x\"\n}\n");
            assertThat(missingSemicolon).hasSize(1);
            assertThat(missingSemicolon.get(0)).startsWith("NO \"Syntax Error: ").contains("line 4");
            List<String> unknown = client.putScript("unknown", "require \"frobnicate\";\nkeep;\n");
            assertThat(unknown.get(0)).startsWith("NO \"Syntax Error: ").contains("frobnicate").containsIgnoringCase("line 1");
            assertThat(client.listScripts()).containsExactly("OK");
        }
    }

    @Test
    void webAdminRefusesAnInvalidScriptWithLineAndReason() throws Exception {
        WebAdmin.Reply reply = postern.webAdmin().putSieveScript("refused@example.org", "broken",
            "require [\"variables\"];\nset \"a\" \"b\"\nkeep;\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("Invalid Sieve script").contains("keep").containsIgnoringCase("line 3");
        WebAdmin.Reply unknown = postern.webAdmin().putSieveScript("refused@example.org", "unknown", "require \"frobnicate\";\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("capability 'frobnicate' is not supported").containsIgnoringCase("line 1");
        try (ManageSieveClient client = manageSieve("refused")) {
            assertThat(client.listScripts()).noneMatch(line -> line.startsWith("\"broken\"") || line.startsWith("\"unknown\""));
        }
    }

    @Test
    void aScriptFailingAtRunTimeKeepsTheMailInInboxAndTellsTheUserWhy() throws Exception {
        try (ManageSieveClient client = manageSieve("broken")) {
            assertThat(client.putScript("empty-folder", "require [\"fileinto\", \"variables\"];\nfileinto \"${nothing}\";\n"))
                .containsExactly("OK");
            assertThat(client.setActive("empty-folder")).containsExactly("OK");
        }
        send("broken@example.org", "still delivered");
        try (ImapClient imap = imap("broken")) {
            imap.awaitMessageContaining("INBOX", "Subject: still delivered", DELIVERY);
            String report = imap.awaitMessageContaining("INBOX", "Subject: [SIEVE ERROR] still delivered", DELIVERY);
            assertThat(report).contains("mailbox name is empty");
        }
    }
}
