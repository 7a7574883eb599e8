package dev.postern.mailets;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.StorageDirective;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.subaddress.DetailFolders;
import dev.postern.subaddress.FolderCreationCounts;
import dev.postern.subaddress.FolderCreationLimit;
import dev.postern.subaddress.InMemoryFolderCreationCounts;
import dev.postern.subaddress.Subaddressing;

/**
 * Subaddress foldering without Sieve: mail to {@code me+Shop@example.org} is delivered to
 * {@code me@example.org} in the folder {@code INBOX.shop}, created (and subscribed) on first use,
 * after which the user gets one notification saying so. It is {@link RecordSubaddress} (same
 * rewriting, same recorded detail, same {@code X-Original-To}) plus the filing.
 *
 * <p>A detail that may not name a folder (see {@link DetailFolders}: path delimiters, "..",
 * INBOX, Trash, control characters, encoded words, too long), a user who already created
 * {@code maxFoldersPerDay} folders today, or a mailbox error: the mail is delivered to INBOX.
 * Mail is never lost for a folder. A Sieve script that runs later (James's {@code Sieve} mailet
 * in local-delivery) can still file it elsewhere.
 *
 * <pre>{@code
 * <mailet match="dev.postern.matchers.RecipientHasDetail" class="dev.postern.mailets.FileIntoSubaddressFolder">
 *     <parentFolder>INBOX</parentFolder>                 <!-- folders are created under it -->
 *     <lowerCase>true</lowerCase>                        <!-- me+Shop and me+shop: one folder "shop" -->
 *     <allowedCharacters>[A-Za-z0-9_-]</allowedCharacters> <!-- a regex for one character -->
 *     <maxDetailLength>64</maxDetailLength>
 *     <maxFoldersPerDay>20</maxFoldersPerDay>            <!-- per user and UTC day, every server with storage=cassandra; 0: never create -->
 *     <notify>true</notify>                              <!-- tell the user about a new folder -->
 *     <notificationSender>postmaster@example.org</notificationSender> <!-- default: the postmaster -->
 *     <notificationSubject>New folder ${folder}</notificationSubject>
 *     <notificationText>Folder ${folder} was just created for mail to ${address}.</notificationText>
 * </mailet>
 * }</pre>
 * Place it where {@link RecordSubaddress} goes: in {@code transport}, before
 * {@code RecipientRewriteTable}. The subaddress delimiters come from {@code postern.properties}.
 */
public class FileIntoSubaddressFolder extends RecordSubaddress {

    private static final Logger LOGGER = LoggerFactory.getLogger(FileIntoSubaddressFolder.class);

    public static final String DEFAULT_SUBJECT = "New folder ${folder}";
    public static final String DEFAULT_TEXT = "Folder ${folder} was just created for mail to ${address}.";

    private final UserFolders userFolders;
    private final UsersRepository usersRepository;
    private final Clock clock;
    private final FolderCreationCounts folderCreations;
    private DetailFolders folders;
    private FolderCreationLimit limit;
    private boolean notify;
    private Optional<MailAddress> notificationSender;
    private String notificationSubject;
    private String notificationText;

    /** @param folderCreations the daily counts (storage= in postern.properties: memory, or Cassandra shared by a cluster) */
    @Inject
    public FileIntoSubaddressFolder(Subaddressing subaddressing, MailboxManager mailboxManager, UsersRepository usersRepository,
                                    FolderCreationCounts folderCreations) {
        this(subaddressing, new MailboxManagerFolders(mailboxManager), usersRepository, Clock.systemUTC(), folderCreations);
    }

    FileIntoSubaddressFolder(Subaddressing subaddressing, UserFolders userFolders, UsersRepository usersRepository, Clock clock) {
        this(subaddressing, userFolders, usersRepository, clock, new InMemoryFolderCreationCounts());
    }

    private FileIntoSubaddressFolder(Subaddressing subaddressing, UserFolders userFolders, UsersRepository usersRepository, Clock clock,
                                     FolderCreationCounts folderCreations) {
        super(subaddressing);
        this.userFolders = userFolders;
        this.usersRepository = usersRepository;
        this.clock = clock;
        this.folderCreations = folderCreations;
    }

    @Override
    public void init() throws MessagingException {
        try {
            folders = DetailFolders.of(
                getInitParameter("parentFolder", DetailFolders.DEFAULT_PARENT),
                getInitParameter("lowerCase", true),
                getInitParameter("allowedCharacters", DetailFolders.DEFAULT_ALLOWED_CHARACTERS),
                intParameter("maxDetailLength", DetailFolders.DEFAULT_MAX_LENGTH));
            limit = new FolderCreationLimit(intParameter("maxFoldersPerDay", FolderCreationLimit.DEFAULT_PER_DAY), clock, folderCreations);
        } catch (IllegalArgumentException e) {
            throw new MailetException(getMailetName() + ": " + e.getMessage(), e);
        }
        notify = getInitParameter("notify", true);
        notificationSender = getInitParameterAsOptional("notificationSender").map(this::address);
        notificationSubject = getInitParameter("notificationSubject", DEFAULT_SUBJECT);
        notificationText = getInitParameter("notificationText", DEFAULT_TEXT);
    }

    private int intParameter(String name, int defaultValue) {
        String value = getInitParameter(name, String.valueOf(defaultValue)).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("<" + name + ">: '" + value + "' is not a whole number", e);
        }
    }

    private MailAddress address(String value) {
        try {
            return new MailAddress(value.trim());
        } catch (AddressException e) {
            throw new IllegalArgumentException("<notificationSender>: '" + value + "' is not a mail address", e);
        }
    }

    @Override
    protected void onDetail(Mail mail, MailAddress user, MailAddress original, String detail) {
        DetailFolders.Decision decision = folders.folderFor(detail);
        if (decision instanceof DetailFolders.Folder folder) {
            fileInto(mail, user, original, folder.name());
        } else if (decision instanceof DetailFolders.Refused refused) {
            LOGGER.info("Mail {} for {} stays in INBOX: {}", mail.getName(), original.asString(), refused.reason());
        }
    }

    private void fileInto(Mail mail, MailAddress user, MailAddress original, String folder) {
        try {
            Username username = usersRepository.getUsername(user);
            if (!userFolders.exists(username, folder) && !createFolder(username, user, original, folder)) {
                return;
            }
            StorageDirective.builder().targetFolder(folder).build()
                .encodeAsAttributes(username)
                .forEach(mail::setAttribute);
        } catch (MessagingException | UsersRepositoryException | RuntimeException e) {
            LOGGER.warn("Mail {} for {} goes to INBOX: could not file it into {}", mail.getName(), original.asString(), folder, e);
        }
    }

    /** True when the folder now exists, whoever created it. */
    private boolean createFolder(Username username, MailAddress user, MailAddress original, String folder) throws MessagingException {
        if (!limit.tryAcquire(username.asString())) {
            LOGGER.info("{} created {} folders today already: mail for {} stays in INBOX", username.asString(), limit.perDay(), original.asString());
            return false;
        }
        if (!userFolders.create(username, folder)) {
            limit.release(username.asString());
            return true;
        }
        LOGGER.info("Created the folder {} of {} for mail to {}", folder, username.asString(), original.asString());
        if (notify) {
            sendNotification(user, original, folder);
        }
        return true;
    }

    private void sendNotification(MailAddress user, MailAddress original, String folder) {
        try {
            Map<String, String> values = Map.of("${folder}", folder, "${address}", original.asString());
            MailAddress sender = notificationSender.orElseGet(() -> getMailetContext().getPostmaster());
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(sender.asString()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(user.asString()));
            message.setSubject(substitute(notificationSubject, values), "UTF-8");
            // RFC 3834 section 5: an automatic message, to which responders must not reply.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setText(substitute(notificationText, values) + "\n", "UTF-8");
            message.saveChanges();
            getMailetContext().sendMail(sender, List.of(user), message);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("Could not tell {} about the new folder {}", user.asString(), folder, e);
        }
    }

    private static String substitute(String template, Map<String, String> values) {
        String result = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace(value.getKey(), value.getValue());
        }
        return result;
    }

    @Override
    public String getMailetInfo() {
        return "Files user+detail@domain into INBOX.detail, creating the folder on first use";
    }
}
