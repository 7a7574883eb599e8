package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static dev.postern.it.PosternServer.Listener.SUBMISSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.DkimSigner;
import dev.postern.dkim.SigningConfig;
import dev.postern.dns.LoopbackDnsServer;
import dev.postern.dns.LoopbackDnsServer.Behaviour;

/**
 * SPF, DKIM and DMARC of mail from other servers, end to end: the distribution with its own
 * configuration (only the authserv-id set), real SMTP and IMAP clients, and the senders' zones
 * on a DNS server on loopback that POSTERN_DNS points at. Every client here connects from
 * 127.0.0.1, which is checked like any other (trusted networks are empty by default).
 */
class AuthenticationTest {

    static final Duration DELIVERY = Duration.ofSeconds(30);
    static final String PASSWORD = "secret-Passw0rd";
    static final String AUTHSERV_ID = "mx.postern.test";

    @TempDir
    static Path data;
    @TempDir
    static Path conf;
    static LoopbackDnsServer dns;
    static PosternServer postern;
    static KeyPair alignedKey;

    @BeforeAll
    static void start() throws Exception {
        dns = LoopbackDnsServer.start();
        // reject.test and quarantine.test let no one send their mail; aligned.test allows 127.0.0.1 and signs.
        dns.add("reject.test. 300 IN TXT \"v=spf1 -all\"",
            "_dmarc.reject.test. 300 IN TXT \"v=DMARC1; p=reject\"",
            "quarantine.test. 300 IN TXT \"v=spf1 -all\"",
            "_dmarc.quarantine.test. 300 IN TXT \"v=DMARC1; p=quarantine\"",
            "aligned.test. 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "_dmarc.aligned.test. 300 IN TXT \"v=DMARC1; p=reject; adkim=s; aspf=s\"",
            "_dmarc.slow.test. 300 IN TXT \"v=DMARC1; p=reject\"");
        alignedKey = DkimKeys.generateRsa();
        dns.addTxt("sel._domainkey.aligned.test", 300, DkimKeys.txtRecord(alignedKey.getPublic()));
        dns.behave("slow.test", Behaviour.TIMEOUT);

        PosternServer.copyConfiguration(conf);
        PosternServer.replaceSetting(conf, "authentication.authserv-id=", "authentication.authserv-id=" + AUTHSERV_ID);
        postern = PosternServer.withFreePorts(data, Map.of("POSTERN_DNS", dns.address())).start("--conf", conf.toString());
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
    void spoofedMailFromARejectDomainIsRefusedAtData() throws Exception {
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            assertThat(smtp.mailFrom("ceo@reject.test")).isEqualTo(250);
            assertThat(smtp.rcptTo("me@example.org")).isEqualTo(250);

            assertThat(smtp.data(SmtpClient.message("ceo@reject.test", "me@example.org", "wire the money", "now"))).isEqualTo(550);
            assertThat(smtp.reply()).contains("5.7.1").contains("DMARC").contains("reject.test");
        }
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "me@example.org", PASSWORD)) {
            Thread.sleep(1000);
            assertThat(String.join("\n", imap.messages("INBOX"))).doesNotContain("wire the money");
        }
    }

    @Test
    void quarantineFailureLandsInJunk() throws Exception {
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            smtp.send("news@quarantine.test",
                SmtpClient.message("news@quarantine.test", "you@example.org", "quarantined offer", "hi"), "you@example.org");
        }
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "you@example.org", PASSWORD)) {
            String message = imap.awaitMessageContaining("Junk", "Subject: quarantined offer", DELIVERY);
            assertThat(message)
                .contains("Authentication-Results: " + AUTHSERV_ID + "; spf=fail")
                .contains("dmarc=fail (p=quarantine dis=quarantine)")
                .contains("header.from=quarantine.test")
                .contains("Received-SPF: fail");
            assertThat(String.join("\n", imap.messages("INBOX"))).doesNotContain("quarantined offer");
        }
    }

    @Test
    void alignedSpfAndDkimPassLandInInboxWithAuthenticationResults() throws Exception {
        String raw = SmtpClient.message("Alice <alice@aligned.test>", "me@example.org", "signed and aligned", "hello");
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        String signature = new DkimSigner().sign(bytes, SigningConfig.builder("aligned.test", "sel", alignedKey.getPrivate()).build());
        String signed = new String(DkimSigner.prepend(List.of(signature), bytes), StandardCharsets.UTF_8);

        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            smtp.send("alice@aligned.test", signed, "me@example.org");
        }
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "me@example.org", PASSWORD)) {
            String message = imap.awaitMessageContaining("INBOX", "Subject: signed and aligned", DELIVERY);
            assertThat(headerValues(message, "Authentication-Results")).singleElement().asString()
                .startsWith(AUTHSERV_ID + "; spf=pass smtp.mailfrom=alice@aligned.test")
                .contains("dkim=pass header.d=aligned.test header.i=@aligned.test header.s=sel")
                .contains("dmarc=pass")
                .contains("header.from=aligned.test");
            assertThat(message).contains("Received-SPF: pass (" + AUTHSERV_ID + ": domain of alice@aligned.test designates 127.0.0.1");
        }
    }

    @Test
    void forgedAuthenticationResultsWithOurIdAreRemovedOthersKept() throws Exception {
        String raw = "Authentication-Results: " + AUTHSERV_ID + "; dkim=pass header.d=bank.test; dmarc=pass header.from=bank.test\r\n"
            + "Authentication-Results: relay.other.test; spf=pass smtp.mailfrom=x@other.test\r\n"
            + SmtpClient.message("x@nodmarc.test", "me@example.org", "forged results", "trust me");
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            smtp.send("x@nodmarc.test", raw, "me@example.org");
        }
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "me@example.org", PASSWORD)) {
            String message = imap.awaitMessageContaining("INBOX", "Subject: forged results", DELIVERY);
            assertThat(message).doesNotContain("bank.test").contains("Authentication-Results: relay.other.test; spf=pass");
            assertThat(headerValues(message, "Authentication-Results")).filteredOn(v -> v.startsWith(AUTHSERV_ID)).singleElement()
                .asString().contains("spf=none").contains("dkim=none").contains("dmarc=none");
        }
    }

    @Test
    void authenticatedSubmissionIsNotChecked() throws Exception {
        try (SmtpClient smtp = SmtpClient.submission(postern.port(SUBMISSION), "me@example.org", PASSWORD)) {
            // From a reject.test address: from the MX this would be refused.
            smtp.send("me@example.org", SmtpClient.message("ceo@reject.test", "you@example.org", "submitted as reject.test", "hi"),
                "you@example.org");
        }
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "you@example.org", PASSWORD)) {
            String message = imap.awaitMessageContaining("INBOX", "Subject: submitted as reject.test", DELIVERY);
            assertThat(message).doesNotContain("Authentication-Results: " + AUTHSERV_ID).doesNotContain("Received-SPF");
        }
    }

    @Test
    void dnsTimeoutForTheSenderDomainDoesNotLoseTheMail() throws Exception {
        // SPF of slow.test times out; its DMARC record says reject: a DNS failure is temperror, never fail.
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            smtp.send("bob@slow.test", SmtpClient.message("bob@slow.test", "me@example.org", "slow dns", "hi"), "me@example.org");
        }
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "me@example.org", PASSWORD)) {
            String message = imap.awaitMessageContaining("INBOX", "Subject: slow dns", DELIVERY);
            assertThat(headerValues(message, "Authentication-Results")).singleElement().asString()
                .contains("spf=temperror").contains("dis=none").contains("header.from=slow.test");
        }
    }

    /** The unfolded values of the fields called {@code name} in the header of a raw message. */
    static List<String> headerValues(String message, String name) {
        String header = message.substring(0, Math.max(0, message.indexOf("\r\n\r\n")));
        return java.util.Arrays.stream(header.replaceAll("\r\n[ \t]+", " ").split("\r\n"))
            .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
            .map(line -> line.substring(name.length() + 1).strip())
            .toList();
    }
}
