package dev.postern.listeners;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.events.MessageMoveEvent;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.score.ScoringEngine;
import dev.postern.score.ScoringOptions;
import dev.postern.score.bayes.Verdict;
import dev.postern.score.message.MessageParser;

/**
 * Teaches Bayes from what users do with their mail: a message moved (or copied) into the Junk
 * folder is learned as spam for that user; one moved out of Junk into any folder but Trash is
 * learned as ham (deleting spam is no ham vote). Learning again the other way moves the message
 * between classes. Folder names come from {@code scoring.junk.folder} and
 * {@code scoring.trash.folder} in {@code postern.properties}. In {@code listeners.xml}:
 * <pre>{@code
 * <listener>
 *     <class>dev.postern.listeners.JunkLearningListener</class>
 *     <async>true</async>
 * </listener>
 * }</pre>
 */
public class JunkLearningListener implements EventListener.GroupEventListener {

    /** The listener's group: one delivery of each event to it. */
    public static class JunkLearningGroup extends Group {
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(JunkLearningListener.class);
    private static final Group GROUP = new JunkLearningGroup();

    private final ScoringEngine engine;
    private final ScoringOptions options;
    private final MailboxManager mailboxManager;
    private final MessageIdManager messageIdManager;

    @Inject
    public JunkLearningListener(ScoringEngine engine, ScoringOptions options, MailboxManager mailboxManager, MessageIdManager messageIdManager) {
        this.engine = engine;
        this.options = options;
        this.mailboxManager = mailboxManager;
        this.messageIdManager = messageIdManager;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MessageMoveEvent;
    }

    @Override
    public void event(Event event) throws MailboxException, IOException {
        MessageMoveEvent move = (MessageMoveEvent) event;
        MailboxSession session = mailboxManager.createSystemSession(move.getUsername());
        try {
            Optional<Verdict> verdict = verdict(move.getMessageMoves().addedMailboxIds(), move.getMessageMoves().removedMailboxIds(), session);
            if (verdict.isEmpty()) {
                return;
            }
            String user = move.getUsername().asString();
            for (MessageId id : move.getMessageIds()) {
                List<MessageResult> results = messageIdManager.getMessage(id, FetchGroup.FULL_CONTENT, session);
                if (!results.isEmpty()) {
                    try (InputStream content = results.get(0).getFullContent().getInputStream()) {
                        boolean changed = engine.bayes().learn(MessageParser.parse(content.readAllBytes()), verdict.get(), Optional.of(user));
                        LOGGER.info("Bayes learned message {} of {} as {}{}", id.serialize(), user, verdict.get(), changed ? "" : " (already known so)");
                    }
                }
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Into Junk: spam. Out of Junk, not into Trash: ham. Anything else: nothing. */
    private Optional<Verdict> verdict(Set<MailboxId> added, Set<MailboxId> removed, MailboxSession session) throws MailboxException {
        boolean intoJunk = false;
        boolean intoTrash = false;
        for (MailboxId id : added) {
            String name = name(id, session);
            intoJunk |= name.equalsIgnoreCase(options.junkFolder());
            intoTrash |= name.equalsIgnoreCase(options.trashFolder());
        }
        if (intoJunk) {
            return Optional.of(Verdict.SPAM);
        }
        if (!intoTrash && !added.isEmpty()) {
            for (MailboxId id : removed) {
                if (name(id, session).equalsIgnoreCase(options.junkFolder())) {
                    return Optional.of(Verdict.HAM);
                }
            }
        }
        return Optional.empty();
    }

    private String name(MailboxId id, MailboxSession session) throws MailboxException {
        return mailboxManager.getMailbox(id, session).getMailboxPath().getName();
    }
}
