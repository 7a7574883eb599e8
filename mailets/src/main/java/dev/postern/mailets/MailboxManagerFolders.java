package dev.postern.mailets;

import javax.mail.MessagingException;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.model.MailboxPath;

import reactor.core.publisher.Mono;

/** {@link UserFolders} over James's {@link MailboxManager}, as the user's own session. */
final class MailboxManagerFolders implements UserFolders {

    private final MailboxManager mailboxManager;

    MailboxManagerFolders(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    @Override
    public boolean exists(Username user, String folder) throws MessagingException {
        MailboxSession session = mailboxManager.createSystemSession(user);
        try {
            return Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(MailboxPath.forUser(user, folder), session)).block());
        } catch (RuntimeException e) {
            throw new MessagingException("cannot tell whether " + user.asString() + " has the folder " + folder, e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    @Override
    public boolean create(Username user, String folder) throws MessagingException {
        MailboxSession session = mailboxManager.createSystemSession(user);
        try {
            mailboxManager.createMailbox(MailboxPath.forUser(user, folder), MailboxManager.CreateOption.CREATE_SUBSCRIPTION, session);
            return true;
        } catch (MailboxExistsException e) {
            return false;
        } catch (MailboxException e) {
            throw new MessagingException("cannot create the folder " + folder + " of " + user.asString(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }
}
