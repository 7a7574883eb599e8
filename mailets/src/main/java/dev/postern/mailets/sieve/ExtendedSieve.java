package dev.postern.mailets.sieve;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.server.core.MailImpl;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.sieverepository.api.exception.ScriptNotFoundException;
import org.apache.james.transport.mailets.jsieve.ActionDispatcher;
import org.apache.james.transport.mailets.jsieve.ResourceLocator;
import org.apache.james.transport.mailets.jsieve.delivery.SieveExecutor;
import org.apache.james.transport.mailets.jsieve.delivery.SieveFailureMessageComposer;
import org.apache.james.transport.mailets.jsieve.delivery.SievePoster;
import org.apache.james.user.api.UsersRepository;
import org.apache.jsieve.mail.Action;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.sieve.PosternSieve;
import dev.postern.subaddress.Subaddressing;
import dev.postern.sieve.SubaddressConfig;

import reactor.core.publisher.Mono;

/**
 * Runs each local recipient's active Sieve script with Postern's extensions (variables,
 * subaddress, mailbox, enotify, regex, imap4flags, copy, relational) and turns the outcome into
 * James delivery instructions. Replaces James's {@code Sieve} mailet in the transport processor,
 * before {@code LocalDelivery}:
 *
 * <pre>{@code
 * <processor state="local-delivery" enableJmx="true">
 *     ...
 *     <mailet match="All" class="dev.postern.mailets.sieve.ExtendedSieve">
 *         <onMailetException>ignore</onMailetException>
 *     </mailet>
 *     ...
 *     <mailet match="All" class="LocalDelivery"/>
 * </processor>
 * }</pre>
 *
 * <p>The :user / :detail separators are those of {@code subaddress.delimiters} in
 * conf/postern.properties (the {@link Subaddressing} that {@code PosternModule} provides), so
 * Sieve splits addresses as {@code RecordSubaddress} does.
 *
 * <p>Folders are chosen with {@link org.apache.mailet.StorageDirective} ("DeliveryPath_"
 * attributes), which LocalDelivery honours. When a script fails at run time, the mail is kept in
 * INBOX and the user gets a mail saying why (as James's Sieve mailet does). Mails this mailet
 * sends itself (notifications, failure reports, extra copies) carry the "SieveNotification"
 * attribute and are not filtered again.
 */
public class ExtendedSieve extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ExtendedSieve.class);

    /**
     * Parsed scripts kept, keyed by their text: parsing on every delivery is the costly part, and
     * a parsed jSieve tree is read-only during evaluation, so runs may share it.
     */
    static final int PARSED_SCRIPTS_MAX = 256;

    private final java.util.Map<String, org.apache.jsieve.parser.generated.Node> parsed =
        java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, org.apache.jsieve.parser.generated.Node> eldest) {
                return size() > PARSED_SCRIPTS_MAX;
            }
        });

    private final UsersRepository usersRepository;
    private final ResourceLocator resourceLocator;
    private final MailboxManager mailboxManager;
    private final Subaddressing subaddressing;
    private PosternSieve sieve;
    private SieveActions actions;
    private SievePoster poster;
    private ActionDispatcher jamesDispatcher;

    @Inject
    public ExtendedSieve(UsersRepository usersRepository, SieveRepository sieveRepository,
                         MailboxManager mailboxManager, Subaddressing subaddressing) {
        this(usersRepository, new ResourceLocator(sieveRepository, usersRepository), mailboxManager, subaddressing);
    }

    public ExtendedSieve(UsersRepository usersRepository, ResourceLocator resourceLocator,
                         MailboxManager mailboxManager, Subaddressing subaddressing) {
        this.usersRepository = usersRepository;
        this.resourceLocator = resourceLocator;
        this.mailboxManager = mailboxManager;
        this.subaddressing = subaddressing;
    }

    @Override
    public String getMailetInfo() {
        return "Postern Sieve mailet (jSieve 0.8 with Dovecot-compatible extensions)";
    }

    @Override
    public void init() throws MessagingException {
        sieve = PosternSieve.create(new SubaddressConfig(subaddressing.delimiters()));
        jamesDispatcher = new ActionDispatcher();
        poster = new SievePoster(usersRepository, SieveActions.INBOX);
        actions = new SieveActions(getMailetContext(), jamesDispatcher);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (AttributeUtils.getValueAndCastFromMail(mail, SieveExecutor.SIEVE_NOTIFICATION, Boolean.class).orElse(false)) {
            return;
        }
        for (MailAddress recipient : List.copyOf(mail.getRecipients())) {
            filter(mail, recipient);
        }
    }

    /** Runs one recipient's script; protected so a subclass can add per-user policy. */
    protected void filter(Mail mail, MailAddress recipient) throws MessagingException {
        Username user;
        ResourceLocator.UserSieveInformation script;
        try {
            user = usersRepository.getUsername(recipient);
            script = resourceLocator.get(recipient);
        } catch (ScriptNotFoundException e) {
            return;
        } catch (Exception e) {
            LOGGER.error("Cannot load the Sieve script of {}", recipient.asString(), e);
            return;
        }
        try {
            String text = readScript(script.getScriptContent());
            JamesSieveMail adapter = new JamesSieveMail(mail, getMailetContext(), jamesDispatcher, poster,
                script.getScriptActivationDate(), script.getScriptInterpretationDate(), recipient,
                subaddressing.delimiters().charAt(0), name -> mailboxExists(user, name));
            List<Action> outcome = sieve.evaluate(adapter, parse(text));
            actions.apply(mail, recipient, user, adapter, outcome);
        } catch (Exception | org.apache.jsieve.parser.generated.TokenMgrError e) {
            LOGGER.warn("Sieve script of {} failed; keeping the mail in INBOX", recipient.asString(), e);
            SieveActions.keepInInbox(mail, user);
            reportFailure(mail, recipient, e instanceof Exception ex ? ex : new Exception(e.getMessage(), e));
        }
    }

    private org.apache.jsieve.parser.generated.Node parse(String text)
            throws org.apache.jsieve.parser.generated.ParseException {
        org.apache.jsieve.parser.generated.Node node = parsed.get(text);
        if (node == null) {
            node = sieve.parse(text);
            parsed.put(text, node);
        }
        return node;
    }

    private boolean mailboxExists(Username user, String name) {
        MailboxSession session = mailboxManager.createSystemSession(user);
        try {
            return Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(MailboxPath.forUser(user, name), session)).block());
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private static String readScript(InputStream in) throws java.io.IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Tells the user, in a mail to themselves, why their script did not run (as James does). */
    private void reportFailure(Mail mail, MailAddress recipient, Exception cause) {
        try {
            MailImpl report = MailImpl.builder()
                .name(MailImpl.getId())
                .addAttribute(new Attribute(SieveExecutor.SIEVE_NOTIFICATION, AttributeValue.of(true)))
                .sender(recipient)
                .addRecipient(recipient)
                .mimeMessage(SieveFailureMessageComposer.composeMessage(mail, cause, recipient.asString()))
                .build();
            try {
                getMailetContext().sendMail(report);
            } finally {
                report.dispose();
            }
        } catch (MessagingException e) {
            LOGGER.error("Cannot tell {} that their Sieve script failed", recipient.asString(), e);
        }
    }
}
