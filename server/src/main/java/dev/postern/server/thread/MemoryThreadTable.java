package dev.postern.server.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.MimeMessageId;
import org.apache.james.mailbox.store.mail.model.Subject;

/**
 * The thread table of James's distributed server ({@code CassandraThreadDAO} and
 * {@code CassandraThreadLookupDAO}), in memory: per user and Message-ID (or In-Reply-To or
 * References value) of every stored message, its thread id and base subject; and per message,
 * what to remove when it is gone. Each filed message costs about 200 bytes besides the message
 * itself, which James's memory mailbox also holds; the messages of a deleted mailbox stay filed
 * until the server restarts (James announces no expunge for them).
 */
public final class MemoryThreadTable {

    private record Key(Username user, MimeMessageId mimeMessageId) {
    }

    /** One stored message under one of its ids. */
    private record Row(MessageId messageId, ThreadId threadId, Optional<Subject> baseSubject) {
    }

    /** What a stored message was filed under, to remove it again. */
    public record Filing(Username user, Set<MimeMessageId> mimeMessageIds) {
    }

    private final ConcurrentHashMap<Key, List<Row>> rows = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<MessageId, Filing> filings = new ConcurrentHashMap<>();

    /** The thread of the first message filed under one of {@code mimeMessageIds} with the same base subject. */
    public Optional<ThreadId> find(Username user, Set<MimeMessageId> mimeMessageIds, Optional<Subject> baseSubject) {
        for (MimeMessageId id : mimeMessageIds) {
            for (Row row : rows.getOrDefault(new Key(user, id), List.of())) {
                if (row.baseSubject().equals(baseSubject)) {
                    return Optional.of(row.threadId());
                }
            }
        }
        return Optional.empty();
    }

    public void file(Username user, Set<MimeMessageId> mimeMessageIds, MessageId messageId, ThreadId threadId,
                     Optional<Subject> baseSubject) {
        if (mimeMessageIds.isEmpty()) {
            return;
        }
        Row row = new Row(messageId, threadId, baseSubject);
        for (MimeMessageId id : mimeMessageIds) {
            rows.compute(new Key(user, id), (key, old) -> {
                List<Row> updated = old == null ? new ArrayList<>(1) : new ArrayList<>(old);
                updated.add(row);
                return List.copyOf(updated);
            });
        }
        filings.put(messageId, new Filing(user, Set.copyOf(mimeMessageIds)));
    }

    public Optional<Filing> filing(MessageId messageId) {
        return Optional.ofNullable(filings.get(messageId));
    }

    /** Forgets a message that no longer exists. */
    public void remove(MessageId messageId) {
        Filing filing = filings.remove(messageId);
        if (filing == null) {
            return;
        }
        for (MimeMessageId id : filing.mimeMessageIds()) {
            rows.computeIfPresent(new Key(filing.user(), id), (key, old) -> {
                List<Row> kept = old.stream().filter(row -> !row.messageId().equals(messageId)).toList();
                return kept.isEmpty() ? null : kept;
            });
        }
    }

    /** How many messages are filed. */
    public int size() {
        return filings.size();
    }
}
