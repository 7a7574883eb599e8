package dev.postern.server.thread;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.SearchThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.MimeMessageId;
import org.apache.james.mailbox.store.mail.model.Subject;
import org.apache.james.mailbox.store.search.SearchUtil;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The thread id of each stored message, guessed as James's distributed server guesses it
 * ({@code CassandraThreadIdGuessingAlgorithm}: a message joins the thread of a message of the
 * same user that shares one of its Message-ID, In-Reply-To or References values and has the same
 * base subject, RFC 5256 section 2.1), from a {@link MemoryThreadTable} instead of Cassandra.
 *
 * <p>Why: James's memory server guesses by searching ({@link SearchThreadIdGuessingAlgorithm}),
 * which parses the header of every message the user has, three times, at each delivery, under
 * the mailbox's lock. A delivery then costs time in proportion to the mailbox (about 10 ms for 500
 * stored messages on our 2-core machines), and in proportion to the header: the trace fields
 * Postern adds (Authentication-Results, Received-SPF, X-Spam-*) double that cost. Here a delivery
 * costs a few map lookups whatever the mailbox holds. {@link ThreadIndexCleaner} forgets messages
 * once they are expunged.
 *
 * <p>Clients see threads through JMAP and IMAP's {@code FETCH (THREADID)} (RFC 8474). The guess
 * passes James's own {@code ThreadIdGuessingAlgorithmContract} (IndexedThreadIdGuessingTest);
 * FoundationTest checks a reply's THREADID on the running server.
 */
public final class IndexedThreadIdGuessing implements ThreadIdGuessingAlgorithm {

    private final MemoryThreadTable table;
    private final SearchThreadIdGuessingAlgorithm search;

    @Inject
    public IndexedThreadIdGuessing(MemoryThreadTable table, SearchThreadIdGuessingAlgorithm search) {
        this.table = table;
        this.search = search;
    }

    @Override
    public Mono<ThreadId> guessThreadIdReactive(MessageId messageId, Optional<MimeMessageId> mimeMessageId,
                                                Optional<MimeMessageId> inReplyTo, Optional<List<MimeMessageId>> references,
                                                Optional<Subject> subject, MailboxSession session) {
        Set<MimeMessageId> ids = new HashSet<>();
        mimeMessageId.ifPresent(ids::add);
        inReplyTo.ifPresent(ids::add);
        references.ifPresent(ids::addAll);
        Optional<Subject> baseSubject = subject.map(value -> new Subject(SearchUtil.getBaseSubject(value.getValue())));
        return Mono.fromCallable(() -> {
            ThreadId threadId = table.find(session.getUser(), ids, baseSubject)
                .orElseGet(() -> ThreadId.fromBaseMessageId(messageId));
            table.file(session.getUser(), ids, messageId, threadId, baseSubject);
            return threadId;
        });
    }

    /** The messages of a thread: James's search by thread id, which reads no header. */
    @Override
    public Flux<MessageId> getMessageIdsInThread(ThreadId threadId, MailboxSession session) {
        return search.getMessageIdsInThread(threadId, session);
    }
}
