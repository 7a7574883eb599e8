package dev.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jsieve.mail.Action;
import org.junit.jupiter.api.Test;

/** The subaddress-to-folder script Dovecot users run, unchanged. */
class DovecotScriptTest {

    /** Dovecot's subaddress recipe as Postern ships it (the file README tells users to upload). */
    static final String SCRIPT = shippedScript();

    private static String shippedScript() {
        try {
            return Files.readString(Path.of("..", "conf", "sieve", "subaddress-folders.sieve"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String MESSAGE = "From: bob@example.com\r\nTo: alice+Lists@example.org\r\nSubject: hi\r\n\r\nbody\r\n";

    @Test
    void newFolderIsCreatedAndUserNotified() throws Exception {
        PosternSieve sieve = PosternSieve.create();
        TestMail mail = new TestMail(MESSAGE, "bob@example.com", List.of("alice+Lists@example.org"));
        List<Action> actions = sieve.evaluate(mail, sieve.parse(SCRIPT));
        assertThat(actions).containsExactly(
            new FileIntoAction("INBOX.lists", true, false, List.of()),
            new NotifyAction("mailto:alice@example.org", null, 2, List.of(),
                "Folder INBOX.lists was just created"));
    }

    @Test
    void existingFolderIsFiledInto() throws Exception {
        PosternSieve sieve = PosternSieve.create();
        TestMail mail = new TestMail(MESSAGE, "bob@example.com", List.of("alice+Lists@example.org"))
            .withMailbox("INBOX.lists");
        List<Action> actions = sieve.evaluate(mail, sieve.parse(SCRIPT));
        assertThat(actions).containsExactly(new FileIntoAction("INBOX.lists", false, false, List.of()));
    }

    @Test
    void noDetailKeeps() throws Exception {
        PosternSieve sieve = PosternSieve.create();
        TestMail mail = new TestMail(MESSAGE, "bob@example.com", List.of("alice@example.org"));
        List<Action> actions = sieve.evaluate(mail, sieve.parse(SCRIPT));
        assertThat(actions).containsExactly(new KeepAction(List.of()));
    }

    @Test
    void missingRequireIsAParseErrorNamingTheCapability() {
        PosternSieve sieve = PosternSieve.create();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sieve.parse("set \"a\" \"b\";"))
            .hasMessageContaining("require \"variables\"");
    }
}
