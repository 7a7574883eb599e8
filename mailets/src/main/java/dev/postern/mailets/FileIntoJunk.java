package dev.postern.mailets;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the mail to each local recipient's Junk folder instead of INBOX, through
 * {@link StorageDirective} (James's LocalDelivery creates the folder when it is missing). With
 * {@code HasDmarcDisposition=quarantine} it carries out DMARC's "quarantine" (RFC 7489 section
 * 6.3). Put it late in the transport processor, after mailets that choose other folders; a
 * user's Sieve script may still file the mail elsewhere.
 * <pre>{@code
 * <mailet match="dev.postern.matchers.HasDmarcDisposition=quarantine" class="dev.postern.mailets.FileIntoJunk">
 *     <folder>Junk</folder>
 * </mailet>
 * }</pre>
 */
public class FileIntoJunk extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(FileIntoJunk.class);
    public static final String DEFAULT_FOLDER = "Junk";

    private final UsersRepository usersRepository;
    private String folder;

    @Inject
    public FileIntoJunk(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    @Override
    public void init() throws MessagingException {
        folder = getInitParameter("folder", DEFAULT_FOLDER).trim();
        if (folder.isEmpty()) {
            throw new MessagingException(getMailetName() + ": <folder> is empty; name a folder such as " + DEFAULT_FOLDER);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        for (MailAddress recipient : mail.getRecipients()) {
            try {
                Username user = usersRepository.getUsername(recipient);
                StorageDirective.builder().targetFolder(folder).build().encodeAsAttributes(user).forEach(mail::setAttribute);
            } catch (UsersRepositoryException e) {
                LOGGER.warn("Mail {} for {} stays in INBOX: could not name the user", mail.getName(), recipient.asString(), e);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Delivers to the recipients' " + folder + " folder";
    }
}
