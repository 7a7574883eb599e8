package dev.postern.mailets.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.transport.mailets.jsieve.ResourceLocator;
import org.apache.james.transport.mailets.jsieve.delivery.SieveExecutor;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.postern.mailets.RecordSubaddress;
import dev.postern.subaddress.Subaddressing;

import reactor.core.publisher.Mono;

class ExtendedSieveTest {

    /** Dovecot's subaddress recipe as Postern ships it (the file README tells users to upload). */
    static final String DOVECOT_SCRIPT = shippedScript();

    private static String shippedScript() {
        try {
            return Files.readString(Path.of("..", "conf", "sieve", "subaddress-folders.sieve"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final Username ALICE = Username.of("alice@example.org");

    private final Set<String> mailboxes = new HashSet<>();
    private String script = DOVECOT_SCRIPT;
    private FakeMailContext context;
    private ExtendedSieve mailet;

    @BeforeEach
    void setUp() throws Exception {
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any(MailAddress.class))).thenAnswer(i -> Username.of(((MailAddress) i.getArgument(0)).asString()));
        MailboxManager mailboxManager = mock(MailboxManager.class);
        when(mailboxManager.createSystemSession(any())).thenReturn(mock(MailboxSession.class));
        when(mailboxManager.mailboxExists(any(), any())).thenAnswer(i ->
            Mono.just(mailboxes.contains(((MailboxPath) i.getArgument(0)).getName())));
        ResourceLocator locator = new ResourceLocator(mock(SieveRepository.class), users) {
            @Override
            public UserSieveInformation get(MailAddress address) {
                return new UserSieveInformation(ZonedDateTime.now(), ZonedDateTime.now(),
                    new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
            }
        };
        context = FakeMailContext.defaultContext();
        mailet = new ExtendedSieve(users, locator, mailboxManager, Subaddressing.defaults());
        mailet.init(FakeMailetConfig.builder().mailetName("ExtendedSieve").mailetContext(context).build());
    }

    private FakeMail mailTo(String recipient, String extraHeaders) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(("From: bob@example.com\r\nTo: " + recipient + "\r\n" + extraHeaders
                + "Subject: hello\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)));
        FakeMail mail = FakeMail.builder().name("m").sender("bob@example.com").recipient(recipient)
            .mimeMessage(message).build();
        // As in the pipeline: RecordSubaddress turns alice+Lists@ into alice@ and records "Lists".
        RecordSubaddress subaddress = new RecordSubaddress(Subaddressing.defaults());
        subaddress.init(FakeMailetConfig.builder().mailetName("RecordSubaddress").build());
        subaddress.service(mail);
        return mail;
    }

    private static String folder(FakeMail mail) {
        return StorageDirective.fromMail(ALICE, mail).getTargetFolder().orElse(null);
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof javax.mail.Multipart multipart) {
            return multipart.getBodyPart(0).getContent().toString();
        }
        return content.toString();
    }

    @Test
    void filesIntoTheDetailFolderCreatingIt() throws Exception {
        FakeMail mail = mailTo("alice+Lists@example.org", "");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("INBOX.lists");
        // The script notifies the user themself of the new folder, once.
        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients()).containsExactly(new MailAddress("alice@example.org"));
        assertThat(context.getSentMails().get(0).getMsg().getSubject()).isEqualTo("Folder INBOX.lists was just created");
    }

    @Test
    void filesIntoAnExistingFolder() throws Exception {
        mailboxes.add("INBOX.lists");
        FakeMail mail = mailTo("alice+lists@example.org", "");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("INBOX.lists");
    }

    @Test
    void withoutDetailKeepsInInbox() throws Exception {
        FakeMail mail = mailTo("alice@example.org", "");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("INBOX");
    }

    @Test
    void notifiesOthersAsAutoNotifiedFromTheNullSender() throws Exception {
        script = """
            require ["enotify"];
            notify :importance "1" :message "You have mail" "mailto:bob@example.net,alice@example.org";
            """;
        FakeMail mail = mailTo("alice@example.org", "");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("INBOX");
        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail sent = context.getSentMails().get(0);
        assertThat(sent.getRecipients()).as(text(sent.getMsg()))
            .containsExactly(new MailAddress("bob@example.net"), new MailAddress("alice@example.org"));
        assertThat(sent.getMsg().getHeader("Auto-Submitted")).containsExactly("auto-notified");
        assertThat(sent.getMsg().getSubject()).isEqualTo("You have mail");
        assertThat(sent.getAttributes()).containsKey(SieveExecutor.SIEVE_NOTIFICATION);
    }

    @Test
    void doesNotNotifyForAutoSubmittedMail() throws Exception {
        script = "require [\"enotify\"]; notify \"mailto:bob@example.net\";";
        FakeMail mail = mailTo("alice@example.org", "Auto-Submitted: auto-replied\r\n");
        mailet.service(mail);
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void bodyIsReadFromAChangedMessageWithAMalformedPartHeader() throws Exception {
        // Pigeonhole's body__content vectors through the server: a part "text/plain/stupid" made
        // writeTo (saveChanges) fail once a mailet had changed a header, and the mail went to INBOX.
        script = "require [\"body\", \"fileinto\"]; if body :content \"text/plain\" :contains \"Plain Text\" { fileinto \"Work\"; }";
        mailboxes.add("Work");
        FakeMail mail = mailTo("alice@example.org", "Content-Type: multipart/mixed; boundary=donkey\r\n");
        // James's own message class, as the spooler hands mails to mailets.
        MimeMessage multipart = new org.apache.james.server.core.MimeMessageWrapper(
            org.apache.james.server.core.MimeMessageInputStreamSource.create("m", new ByteArrayInputStream((
            "From: bob@example.com\r\nTo: alice@example.org\r\nSubject: hello\r\n"
                + "Content-Type: multipart/mixed; boundary=donkey\r\n\r\n"
                + "--donkey\r\nContent-Type: text/plain\r\n\r\nPlain Text\r\n"
                + "--donkey\r\nContent-Type: text/plain/stupid\r\n\r\nPlain Stupid Text\r\n"
                + "--donkey--\r\n").getBytes(StandardCharsets.UTF_8))));
        multipart.setHeader("X-Changed", "by a mailet");
        mail.setMessage(multipart);
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("Work");
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void runtimeFailureKeepsInInboxAndTellsTheUser() throws Exception {
        script = "require [\"fileinto\", \"variables\"]; fileinto \"${nothing}\";";
        FakeMail mail = mailTo("alice@example.org", "");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("INBOX");
        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail report = context.getSentMails().get(0);
        assertThat(report.getRecipients()).containsExactly(new MailAddress("alice@example.org"));
        assertThat(text(report.getMsg())).contains("mailbox name is empty");
    }

    @Test
    void flagsBecomeStorageFlags() throws Exception {
        script = "require [\"imap4flags\", \"fileinto\"]; addflag \"\\\\Seen\"; fileinto :flags \"\\\\Flagged work\" \"Work\";";
        mailboxes.add("Work");
        FakeMail mail = mailTo("alice@example.org", "");
        mailet.service(mail);
        StorageDirective directive = StorageDirective.fromMail(ALICE, mail);
        assertThat(directive.getTargetFolder()).contains("Work");
        assertThat(directive.getFlags().get().contains(javax.mail.Flags.Flag.FLAGGED)).isTrue();
        assertThat(directive.getFlags().get().contains("work")).isTrue();
    }

    @Test
    void envelopeFromAndDecodedHeadersAreMatched() throws Exception {
        script = """
            require ["envelope", "fileinto", "variables"];
            if allof (envelope :is "from" "bob@example.com", header :matches "x-topic" "*") {
                fileinto "Topic.${1}";
            }
            """;
        mailboxes.add("Topic.été");
        FakeMail mail = mailTo("alice@example.org", "X-Topic: =?UTF-8?Q?=C3=A9t=C3=A9?=\r\n");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("Topic.été");
    }

    @Test
    void keepAndFileintoInboxStoreOneCopy() throws Exception {
        script = "require [\"fileinto\", \"copy\"]; fileinto :copy \"INBOX\"; keep;";
        FakeMail mail = mailTo("alice@example.org", "");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("INBOX");
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void secondFolderIsACopyNotFilteredAgain() throws Exception {
        script = "require [\"fileinto\", \"copy\"]; fileinto :copy \"Archive\";";
        mailboxes.add("Archive");
        FakeMail mail = mailTo("alice@example.org", "");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("Archive");
        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getAttributes()).containsKey(SieveExecutor.SIEVE_NOTIFICATION);
    }

    @Test
    void discardRemovesTheRecipient() throws Exception {
        script = "discard;";
        FakeMail mail = mailTo("alice@example.org", "");
        mailet.service(mail);
        assertThat(mail.getRecipients()).isEmpty();
    }

    @Test
    void vacationStillGoesThroughJames() throws Exception {
        script = "require [\"vacation\", \"variables\"]; vacation :days 1 \"I am away\";";
        FakeMail mail = mailTo("alice@example.org", "");
        mailet.service(mail);
        assertThat(folder(mail)).isEqualTo("INBOX");
        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients()).containsExactly(new MailAddress("bob@example.com"));
    }
}
