package dev.postern.server.thread;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Removes expunged messages from the {@link MemoryThreadTable}, as James's distributed server's
 * deletion listener removes them from its thread tables. A message expunged from one mailbox but
 * still in another (a copy) stays: the owner's session is asked whether it still exists.
 */
public final class ThreadIndexCleaner implements EventListener.ReactiveGroupEventListener {

    public static final class ThreadIndexCleanerGroup extends Group {
    }

    private static final Group GROUP = new ThreadIndexCleanerGroup();

    private final MemoryThreadTable table;
    private final MailboxManager mailboxManager;
    private final MessageIdManager messageIdManager;

    @Inject
    public ThreadIndexCleaner(MemoryThreadTable table, MailboxManager mailboxManager, MessageIdManager messageIdManager) {
        this.table = table;
        this.mailboxManager = mailboxManager;
        this.messageIdManager = messageIdManager;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.Expunged;
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        if (!(event instanceof MailboxEvents.Expunged expunged)) {
            return Mono.empty();
        }
        return Flux.fromIterable(expunged.getExpunged().values())
            .map(MessageMetaData::getMessageId)
            .flatMap(this::forgetIfGone)
            .then();
    }

    private Mono<Void> forgetIfGone(MessageId messageId) {
        Optional<MemoryThreadTable.Filing> filing = table.filing(messageId);
        if (filing.isEmpty()) {
            return Mono.empty();
        }
        return Flux.from(messageIdManager.getMessagesReactive(List.of(messageId), FetchGroup.MINIMAL,
                mailboxManager.createSystemSession(filing.get().user())))
            .hasElements()
            .doOnNext(stillStored -> {
                if (!stillStored) {
                    table.remove(messageId);
                }
            })
            .then();
    }
}
