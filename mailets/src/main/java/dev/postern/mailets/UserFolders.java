package dev.postern.mailets;

import javax.mail.MessagingException;

import org.apache.james.core.Username;

/** The mailbox operations that filing by detail needs; {@link MailboxManagerFolders} in James. */
interface UserFolders {

    boolean exists(Username user, String folder) throws MessagingException;

    /** Creates the folder, subscribed. False when it existed already (created concurrently). */
    boolean create(Username user, String folder) throws MessagingException;
}
