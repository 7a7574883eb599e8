package dev.postern.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.postern.subaddress.Subaddressing;

class FileIntoSubaddressFolderTest {

    /** Folders in memory; can be told to fail. */
    static final class MemoryFolders implements UserFolders {
        final Set<String> folders = new HashSet<>();
        final List<String> created = new ArrayList<>();
        boolean failing;

        @Override
        public boolean exists(Username user, String folder) throws MessagingException {
            if (failing) {
                throw new MessagingException("mailbox backend down");
            }
            return folders.contains(user.asString() + "/" + folder);
        }

        @Override
        public boolean create(Username user, String folder) {
            created.add(user.asString() + "/" + folder);
            return folders.add(user.asString() + "/" + folder);
        }
    }

    static final UsersRepository USERS = (UsersRepository) Proxy.newProxyInstance(UsersRepository.class.getClassLoader(),
        new Class<?>[] {UsersRepository.class}, (proxy, method, args) -> {
            if (method.getName().equals("getUsername")) {
                return Username.of(((MailAddress) args[0]).asString());
            }
            throw new UnsupportedOperationException(method.getName());
        });

    private final MemoryFolders folders = new MemoryFolders();
    private FakeMailContext context;
    private FileIntoSubaddressFolder mailet;

    @BeforeEach
    void setUp() throws Exception {
        context = FakeMailContext.builder().postmaster(new MailAddress("postmaster@example.org")).build();
        mailet = mailet(FakeMailetConfig.builder().mailetName("FileIntoSubaddressFolder").mailetContext(context)
            .setProperty("maxFoldersPerDay", "2").build());
    }

    private FileIntoSubaddressFolder mailet(FakeMailetConfig config) throws MessagingException {
        FileIntoSubaddressFolder instance = new FileIntoSubaddressFolder(Subaddressing.defaults(), folders, USERS,
            Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));
        instance.init(config);
        return instance;
    }

    private static Optional<String> targetFolder(FakeMail mail, String user) {
        return StorageDirective.fromMail(Username.of(user), mail).getTargetFolder();
    }

    private FakeMail deliver(String recipient) throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients(recipient)
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties())))
            .build();
        mailet.service(mail);
        return mail;
    }

    @Test
    void createsTheFolderOnFirstUseAndNotifiesOnce() throws Exception {
        FakeMail first = deliver("me+Shop@example.org");

        assertThat(first.getRecipients()).containsExactly(new MailAddress("me@example.org"));
        assertThat(targetFolder(first, "me@example.org")).contains("INBOX.shop");
        assertThat(folders.created).containsExactly("me@example.org/INBOX.shop");
        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail notification = context.getSentMails().get(0);
        assertThat(notification.getRecipients()).containsExactly(new MailAddress("me@example.org"));
        assertThat(notification.getSubject()).contains("New folder INBOX.shop");
        assertThat(notification.getMsg().getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat((String) notification.getMsg().getContent()).contains("Folder INBOX.shop was just created for mail to me+Shop@example.org.");

        FakeMail second = deliver("me+shop@example.org");

        assertThat(targetFolder(second, "me@example.org")).contains("INBOX.shop");
        assertThat(folders.created).hasSize(1);
        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void hostileDetailsStayInInbox() throws Exception {
        for (String detail : List.of("a.b", "a.b.c", "a/b", "Trash", "INBOX", "=?utf-8?q?x?=", "%2e%2e", "x".repeat(65))) {
            FakeMail mail = deliver("me+" + detail + "@example.org");

            assertThat(mail.getRecipients()).containsExactly(new MailAddress("me@example.org"));
            assertThat(targetFolder(mail, "me@example.org")).as(detail).isEmpty();
        }
        assertThat(folders.created).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void stopsCreatingFoldersAfterTheDailyLimit() throws Exception {
        deliver("me+a@example.org");
        deliver("me+b@example.org");
        FakeMail third = deliver("me+c@example.org");

        assertThat(targetFolder(third, "me@example.org")).isEmpty();
        assertThat(folders.created).containsExactly("me@example.org/INBOX.a", "me@example.org/INBOX.b");
        assertThat(targetFolder(deliver("me+a@example.org"), "me@example.org")).contains("INBOX.a");
    }

    @Test
    void aMailboxFailureDeliversToInbox() throws Exception {
        folders.failing = true;

        FakeMail mail = deliver("me+shop@example.org");

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("me@example.org"));
        assertThat(targetFolder(mail, "me@example.org")).isEmpty();
    }

    @Test
    void honoursTheConfiguration() throws Exception {
        mailet = mailet(FakeMailetConfig.builder().mailetName("F").mailetContext(context)
            .setProperty("parentFolder", "Tags").setProperty("lowerCase", "false").setProperty("notify", "false").build());

        FakeMail mail = deliver("me+Shop@example.org");

        assertThat(targetFolder(mail, "me@example.org")).contains("Tags.Shop");
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void badConfigurationIsAClearError() {
        assertThatThrownBy(() -> mailet(FakeMailetConfig.builder().mailetName("F").mailetContext(context)
            .setProperty("maxFoldersPerDay", "many").build()))
            .hasMessageContaining("F: <maxFoldersPerDay>: 'many' is not a whole number");
        assertThatThrownBy(() -> mailet(FakeMailetConfig.builder().mailetName("F").mailetContext(context)
            .setProperty("allowedCharacters", "[a-z./]").build()))
            .hasMessageContaining("would let a sender name folders outside INBOX");
    }
}
