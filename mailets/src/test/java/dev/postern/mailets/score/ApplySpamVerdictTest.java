package dev.postern.mailets.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.postern.score.ScoringEngine;
import dev.postern.score.ScoringOptions;
import dev.postern.score.config.ScoringConfig;
import dev.postern.scanlog.ScanRecord;

class ApplySpamVerdictTest {

    static final UsersRepository USERS = (UsersRepository) Proxy.newProxyInstance(UsersRepository.class.getClassLoader(),
        new Class<?>[] {UsersRepository.class}, (proxy, method, args) -> {
            if (method.getName().equals("getUsername")) {
                return Username.of(((MailAddress) args[0]).asString());
            }
            throw new UnsupportedOperationException(method.getName());
        });

    private final List<ScanRecord> scanLog = new CopyOnWriteArrayList<>();
    private ApplySpamVerdict mailet;

    @BeforeEach
    void setUp() throws Exception {
        mailet = new ApplySpamVerdict(ScoringEngine.builder(ScoringConfig.defaults()).build(), ScoringOptions.DEFAULT, USERS, scanLog::add);
        mailet.init(FakeMailetConfig.builder().mailetName("ApplySpamVerdict").build());
    }

    private static FakeMail mail(String body) throws Exception {
        String raw = "From: a@remote.example\r\nTo: me@example.org\r\nSubject: hello\r\nDate: Sun, 29 Nov 2026 12:00:00 +0000\r\n"
            + "Message-ID: <1@remote.example>\r\n\r\n" + body + "\r\n";
        return FakeMail.builder().name("m").sender("a@remote.example").recipients("me@example.org")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))))
            .build();
    }

    private static void verdict(FakeMail mail, String action) {
        mail.setAttribute(new Attribute(AttributeName.of(ScoringOptions.ACTION_ATTRIBUTE), AttributeValue.of(action)));
        mail.setAttribute(new Attribute(AttributeName.of(ScoringOptions.SCORE_ATTRIBUTE), AttributeValue.of("7.00 / 15.00")));
        mail.setAttribute(new Attribute(AttributeName.of(ScoringOptions.SYMBOLS_ATTRIBUTE), AttributeValue.of("A(1.00), B(6.00)")));
    }

    private static Optional<String> targetFolder(FakeMail mail) {
        return StorageDirective.fromMail(Username.of("me@example.org"), mail).getTargetFolder();
    }

    @Test
    void addHeaderUsesTheHooksVerdictAndFilesIntoJunk() throws Exception {
        FakeMail mail = mail("hello");
        verdict(mail, "add header");

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Score", null)).isEqualTo("7.00 / 15.00");
        assertThat(mail.getMessage().getHeader("X-Spam-Action", null)).isEqualTo("add header");
        assertThat(mail.getMessage().getHeader("X-Spam-Symbols", null)).isEqualTo("A(1.00), B(6.00)");
        assertThat(targetFolder(mail)).contains("Junk");
        assertThat(scanLog).as("the hook recorded its scan").isEmpty();
    }

    @Test
    void rewriteSubjectKeepsTheMailInInbox() throws Exception {
        FakeMail mail = mail("hello");
        verdict(mail, "rewrite subject");

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("*** SPAM *** hello");
        assertThat(targetFolder(mail)).isEmpty();
    }

    @Test
    void scansMailTheHookDidNotSee() throws Exception {
        FakeMail mail = mail("XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X");

        mailet.service(mail);

        // Refused verdicts come too late here: the mail was accepted, so it goes to Junk.
        assertThat(mail.getMessage().getHeader("X-Spam-Action", null)).isEqualTo("reject");
        assertThat(mail.getMessage().getHeader("X-Spam-Symbols", null)).startsWith("GTUBE");
        assertThat(targetFolder(mail)).contains("Junk");
        assertThat(scanLog).singleElement().satisfies(record -> {
            assertThat(record.messageId()).isEqualTo("<1@remote.example>");
            assertThat(record.envelopeSender()).isEqualTo("a@remote.example");
            assertThat(record.recipients()).containsExactly("me@example.org");
            assertThat(record.action()).isEqualTo("reject");
            assertThat(record.symbols()).contains("GTUBE");
            assertThat(record.dmarc()).isEqualTo("none");
        });
    }

    @Test
    void cleanMailGetsTheHeadersAndStaysInInbox() throws Exception {
        FakeMail mail = mail("see you at noon");

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Spam-Action", null)).isEqualTo("no action");
        assertThat(targetFolder(mail)).isEmpty();
    }

    @Test
    void foldsLongSymbolHeadersUnder78Characters() {
        String value = "R_SPF_NA(0.00), R_DKIM_NA(0.00), DMARC_NA(0.00), MISSING_DATE(1.00), MISSING_MID(2.50), AUTH_NA(1.00)[R_SPF_NA,R_DKIM_NA,DMARC_NA]";

        String folded = ApplySpamVerdict.fold("X-Spam-Symbols", value);

        assertThat(("X-Spam-Symbols: " + folded).split("\r\n")).hasSizeGreaterThan(1).allMatch(line -> line.length() <= 78);
        assertThat(folded.replace("\r\n\t", " ")).isEqualTo(value);
    }
}
