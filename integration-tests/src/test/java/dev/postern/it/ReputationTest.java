package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.DkimSigner;
import dev.postern.dkim.SigningConfig;
import dev.postern.dns.LoopbackDnsServer;

/**
 * Sender reputation end to end: the distribution with src/test/resources/reputation/scoring.xml
 * (three samples make a reputation, only reputation symbols weigh), senders' zones on a DNS
 * server on loopback, the verdicts read in the X-Spam-Symbols field over IMAP. Spam samples are
 * GTUBE messages, refused at DATA after their verdict is recorded. Every client is 127.0.0.1, so
 * the client network's reputation mixes every test's mail: the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReputationTest {

    static final Duration DELIVERY = Duration.ofSeconds(30);
    static final String PASSWORD = "secret-Passw0rd";
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    static final String ME = "me@example.org";

    @TempDir
    static Path data;
    @TempDir
    static Path conf;
    static LoopbackDnsServer dns;
    static PosternServer postern;
    static KeyPair victimKey;

    @BeforeAll
    static void start() throws Exception {
        dns = LoopbackDnsServer.start();
        // bad.test and good.test let 127.0.0.1 send their mail; victim.test lets no one (SPF fail) but signs its mail.
        dns.add("bad.test. 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "good.test. 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "victim.test. 300 IN TXT \"v=spf1 -all\"");
        victimKey = DkimKeys.generateRsa();
        dns.addTxt("sel._domainkey.victim.test", 300, DkimKeys.txtRecord(victimKey.getPublic()));

        PosternServer.copyConfiguration(conf);
        try (InputStream rules = ReputationTest.class.getResourceAsStream("/reputation/scoring.xml")) {
            Files.copy(rules, conf.resolve("scoring.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        postern = PosternServer.withFreePorts(data, Map.of("POSTERN_DNS", dns.address())).start("--conf", conf.toString());
        postern.webAdmin().addDomain("example.org");
        postern.webAdmin().addUser(ME, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(postern, dns);
    }

    @Test
    @Order(1)
    void aSenderWhoseMailWasSpamGetsABadReputation() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("promo@bad.test", message("promo@bad.test", "offer " + i, GTUBE))).startsWith("554");
        }

        String next = deliveredSymbols("promo@bad.test", message("promo@bad.test", "a clean one", "hello"));

        assertThat(next).contains("SPF_REPUTATION_SPAM(3.00)[bad.test,3 spam of 3]")
            .contains("SENDER_REP_SPAM(2.00)[127.0.0.0/24,3 spam of 3]");
    }

    @Test
    @Order(2)
    void aSenderWhoseMailWasHamGetsAGoodReputation() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(deliveredSymbols("friend@good.test", message("friend@good.test", "news " + i, "hello")))
                .doesNotContain("SPF_REPUTATION");
        }

        String next = deliveredSymbols("friend@good.test", message("friend@good.test", "more news", "hello"));

        assertThat(next).contains("SPF_REPUTATION_HAM(-1.00)[good.test,0 spam of 3]");
    }

    @Test
    @Order(3)
    void forgedMailDoesNotSpoilTheDomainsReputation() throws Exception {
        for (int i = 0; i < 3; i++) { // SPF fails and nothing is signed: no identity of victim.test
            assertThat(send("ceo@victim.test", message("ceo@victim.test", "wire money " + i, GTUBE))).startsWith("554");
        }
        for (int i = 0; i < 3; i++) { // the domain's own mail: DKIM aligned with From
            assertThat(deliveredSymbols("news@victim.test", signed("victim news " + i))).doesNotContain("DKIM_REPUTATION");
        }

        String next = deliveredSymbols("news@victim.test", signed("more victim news"));

        assertThat(next).as("3 ham of the domain's own, none of the forger's 3 spam")
            .contains("DKIM_REPUTATION_HAM(-2.00)[victim.test,0 spam of 3]")
            .doesNotContain("SPF_REPUTATION");
    }

    private static String message(String from, String subject, String body) {
        return SmtpClient.datedMessage(from, ME, subject, body);
    }

    private static String signed(String subject) throws Exception {
        byte[] bytes = message("News <news@victim.test>", subject, "hello").getBytes(StandardCharsets.UTF_8);
        String signature = new DkimSigner().sign(bytes, SigningConfig.builder("victim.test", "sel", victimKey.getPrivate()).build());
        return new String(DkimSigner.prepend(List.of(signature), bytes), StandardCharsets.UTF_8);
    }

    private static String send(String from, String message) throws Exception {
        return SmtpClient.send(postern.port(SMTP), from, ME, message);
    }

    /** Sends, expects 250, and returns the X-Spam-Symbols field of the delivered message, unfolded. */
    private static String deliveredSymbols(String from, String message) throws Exception {
        assertThat(send(from, message)).startsWith("250");
        String subject = message.lines().filter(line -> line.startsWith("Subject: ")).findFirst().orElseThrow();
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), ME, PASSWORD)) {
            String delivered = imap.awaitMessageContaining("INBOX", subject, DELIVERY);
            String unfolded = delivered.replaceAll("\r\n[ \t]+", " ");
            return unfolded.lines().filter(line -> line.startsWith("X-Spam-Symbols:")).findFirst()
                .orElseThrow(() -> new AssertionError("no X-Spam-Symbols in " + delivered));
        }
    }
}
