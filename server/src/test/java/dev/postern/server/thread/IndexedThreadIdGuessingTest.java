package dev.postern.server.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.inmemory.InMemoryCombinationManagerTestSystem;
import org.apache.james.mailbox.inmemory.manager.InMemoryIntegrationResources;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.CombinationManagerTestSystem;
import org.apache.james.mailbox.store.ThreadIdGuessingAlgorithmContract;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.SearchThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.MimeMessageId;
import org.apache.james.mailbox.store.mail.model.Subject;
import org.apache.james.mime4j.dom.Message;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;

/** James's own contract for thread-id guessing, and what the in-memory table adds: forgetting. */
class IndexedThreadIdGuessingTest extends ThreadIdGuessingAlgorithmContract {

    InMemoryIntegrationResources resources;
    MemoryThreadTable table;

    @Override
    protected CombinationManagerTestSystem createTestingData() {
        resources = InMemoryIntegrationResources.defaultResources();
        eventBus = resources.getEventBus();
        messageIdFactory = resources.getMessageIdFactory();
        return new InMemoryCombinationManagerTestSystem(resources.getMailboxManager(), resources.getMessageIdManager());
    }

    @Override
    protected ThreadIdGuessingAlgorithm initThreadIdGuessingAlgorithm(CombinationManagerTestSystem testingData) {
        table = new MemoryThreadTable();
        return new IndexedThreadIdGuessing(table,
            new SearchThreadIdGuessingAlgorithm(testingData.getMailboxManager(), testingData.getMessageIdManager()));
    }

    @Override
    protected MessageMapper createMessageMapper(MailboxSession mailboxSession) {
        return resources.getMailboxManager().getMapperFactory().createMessageMapper(mailboxSession);
    }

    @Override
    protected MessageId initNewBasedMessageId() {
        return messageIdFactory.generate();
    }

    @Override
    protected MessageId initOtherBasedMessageId() {
        return messageIdFactory.generate();
    }

    @Override
    protected Flux<Void> saveThreadData(Username username, Set<MimeMessageId> mimeMessageIds, MessageId messageId,
                                        ThreadId threadId, Optional<Subject> baseSubject) {
        return Flux.defer(() -> {
            table.file(username, mimeMessageIds, messageId, threadId, baseSubject);
            return Flux.empty();
        });
    }

    @Test
    void aReplyJoinsTheThreadOfTheMessageItAnswersAndAnUnrelatedMessageStartsItsOwn() {
        MessageId original = messageIdFactory.generate();
        ThreadId thread = guess(original, "<a@example.net>", null, "Lunch");

        ThreadId reply = guess(messageIdFactory.generate(), "<b@example.org>", "<a@example.net>", "Re: Lunch");
        ThreadId replyToReply = guess(messageIdFactory.generate(), "<c@example.net>", "<b@example.org>", "RE: [list] Lunch");
        ThreadId unrelated = guess(messageIdFactory.generate(), "<d@example.net>", null, "Lunch");

        assertThat(thread).isEqualTo(ThreadId.fromBaseMessageId(original));
        assertThat(reply).isEqualTo(thread);
        assertThat(replyToReply).isEqualTo(thread);
        assertThat(unrelated).isNotEqualTo(thread);
    }

    @Test
    void threadsAreKeptApartPerUser() {
        ThreadId alices = guess(messageIdFactory.generate(), "<a@example.net>", null, "Lunch");
        MailboxSession bob = resources.getMailboxManager().createSystemSession(Username.of("bob"));

        ThreadId bobs = testee.guessThreadIdReactive(messageIdFactory.generate(), Optional.of(new MimeMessageId("<b@example.org>")),
            Optional.of(new MimeMessageId("<a@example.net>")), Optional.empty(), Optional.of(new Subject("Re: Lunch")), bob).block();

        assertThat(bobs).isNotEqualTo(alices);
    }

    @Test
    void anExpungedMessageIsForgottenUnlessACopyRemains() throws Exception {
        ThreadIndexCleaner cleaner = new ThreadIndexCleaner(table, resources.getMailboxManager(), resources.getMessageIdManager());
        eventBus.register(cleaner);
        MessageManager inbox = resources.getMailboxManager().getMailbox(MailboxPath.inbox(USER), mailboxSession);
        MessageManager.AppendResult kept = append(inbox, "<kept@example.net>");
        MessageManager.AppendResult gone = append(inbox, "<gone@example.net>");
        MailboxPath archive = MailboxPath.forUser(USER, "Archive");
        resources.getMailboxManager().createMailbox(archive, mailboxSession);
        resources.getMailboxManager().copyMessages(MessageRange.one(kept.getId().getUid()), MailboxPath.inbox(USER), archive, mailboxSession);
        assertThat(table.size()).isEqualTo(2);

        inbox.delete(List.of(kept.getId().getUid(), gone.getId().getUid()), mailboxSession);

        assertThat(table.filing(gone.getId().getMessageId())).isEmpty();
        assertThat(table.filing(kept.getId().getMessageId())).isPresent();
        assertThat(table.size()).isEqualTo(1);
    }

    /** Appends through James with the tested guess in place, as MessageStorer would call it. */
    private MessageManager.AppendResult append(MessageManager mailbox, String messageId) throws Exception {
        MessageManager.AppendResult result = mailbox.appendMessage(MessageManager.AppendCommand.from(Message.Builder.of()
            .setSubject("Lunch").setMessageId(messageId).setBody("text", StandardCharsets.UTF_8)), mailboxSession);
        table.file(USER, Set.of(new MimeMessageId(messageId)), result.getId().getMessageId(), result.getThreadId(),
            Optional.of(new Subject("Lunch")));
        return result;
    }

    private ThreadId guess(MessageId messageId, String mimeMessageId, String inReplyTo, String subject) {
        return testee.guessThreadIdReactive(messageId, Optional.of(new MimeMessageId(mimeMessageId)),
            Optional.ofNullable(inReplyTo).map(MimeMessageId::new), Optional.empty(), Optional.of(new Subject(subject)),
            mailboxSession).block();
    }
}
