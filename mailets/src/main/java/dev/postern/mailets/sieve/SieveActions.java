package dev.postern.mailets.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.server.core.MailImpl;
import org.apache.james.transport.mailets.jsieve.ActionDispatcher;
import org.apache.james.transport.mailets.jsieve.delivery.SieveExecutor;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.ActionDiscard;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.StorageDirective;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.sieve.FileIntoAction;
import dev.postern.sieve.KeepAction;
import dev.postern.sieve.NotifyAction;
import dev.postern.sieve.RedirectAction;
import dev.postern.sieve.enotify.MailtoUri;

/**
 * Carries out one recipient's Sieve actions in James:
 * <ul>
 * <li>the first fileinto/keep chooses the folder through {@link StorageDirective} (the
 * "DeliveryPath_" and flag attributes LocalDelivery reads); each further one is a copy of the
 * mail for this recipient alone, marked so that Sieve does not run on it again;</li>
 * <li>a fileinto without :create into a mailbox that does not exist goes to INBOX instead
 * (RFC 5490 section 3.2: without :create the mailbox is not created);</li>
 * <li>redirect sends a copy to the address; no delivery left removes the recipient;</li>
 * <li>notify sends a mail (RFC 5436) with Auto-Submitted: auto-notified, never for a mail that was
 * itself auto-submitted (RFC 5436 section 2.7), so notifications cannot loop; the user may notify
 * themself, as Pigeonhole allows (the subaddress script tells the user of a new folder);</li>
 * <li>reject and vacation go to James's own jSieve action dispatcher.</li>
 * </ul>
 */
class SieveActions {
    private static final Logger LOGGER = LoggerFactory.getLogger(SieveActions.class);

    static final String INBOX = "INBOX";

    private final MailetContext context;
    private final ActionDispatcher jamesDispatcher;

    SieveActions(MailetContext context, ActionDispatcher jamesDispatcher) {
        this.context = context;
        this.jamesDispatcher = jamesDispatcher;
    }

    void apply(Mail mail, MailAddress recipient, Username user, JamesSieveMail adapter, List<Action> actions)
            throws MessagingException {
        // RFC 5228 section 2.10.3: keep and fileinto "INBOX" (or two fileintos into one folder)
        // store one copy; the first action's flags win.
        java.util.Map<String, StorageDirective> deliveries = new java.util.LinkedHashMap<>();
        for (Action action : actions) {
            if (action instanceof KeepAction keep) {
                deliveries.putIfAbsent(INBOX, directive(INBOX, keep.flags()));
            } else if (action instanceof FileIntoAction into) {
                String folder = into.mailbox();
                if (!into.create() && !adapter.mailboxExists(folder)) {
                    LOGGER.info("Sieve of {}: mailbox \"{}\" does not exist and fileinto has no :create;"
                        + " delivering to INBOX", recipient.asString(), folder);
                    folder = INBOX;
                }
                String key = folder.equalsIgnoreCase(INBOX) ? INBOX : folder;
                deliveries.putIfAbsent(key, directive(key, into.flags()));
            } else if (action instanceof RedirectAction redirect) {
                if (redirect.address().equalsIgnoreCase(recipient.asString())
                    || redirect.address().equalsIgnoreCase(adapter.originalRecipient())) {
                    LOGGER.info("Sieve of {}: redirect to itself ignored", recipient.asString());
                    deliveries.putIfAbsent(INBOX, directive(INBOX, List.of()));
                    continue;
                }
                org.apache.james.transport.mailets.jsieve.ActionUtils.detectAndHandleLocalLooping(mail, adapter, "redirect");
                redirect(mail, redirect);
            } else if (action instanceof NotifyAction notify) {
                notify(mail, recipient, adapter.originalRecipient(), notify);
            } else if (action instanceof ActionDiscard) {
                // Only cancels the implicit keep, which the engine has already done.
            } else {
                jamesDispatcher.execute(action, mail, adapter);
            }
        }
        if (deliveries.isEmpty()) {
            removeRecipient(mail, recipient);
            return;
        }
        List<StorageDirective> targets = new ArrayList<>(deliveries.values());
        // Copies first, from the mail before this user's directive is set on it.
        for (StorageDirective extra : targets.subList(1, targets.size())) {
            MailImpl copy = MailImpl.duplicate(mail);
            try {
                copy.setRecipients(List.of(recipient));
                copy.setAttribute(new Attribute(SieveExecutor.SIEVE_NOTIFICATION, AttributeValue.of(true)));
                deliver(copy, user, extra);
                context.sendMail(copy);
            } finally {
                copy.dispose();
            }
        }
        deliver(mail, user, targets.get(0));
    }

    static void keepInInbox(Mail mail, Username user) {
        deliver(mail, user, directive(INBOX, List.of()));
    }

    private static void deliver(Mail mail, Username user, StorageDirective directive) {
        directive.encodeAsAttributes(user).forEach(mail::setAttribute);
    }

    /** RFC 5232 section 5: \Seen and \Flagged map to James's flags, other flags to keywords. */
    static StorageDirective directive(String folder, List<String> flags) {
        List<String> keywords = new ArrayList<>();
        boolean seen = false;
        boolean flagged = false;
        for (String f : flags) {
            switch (f.toLowerCase(Locale.ROOT)) {
                case "\\seen" -> seen = true;
                case "\\flagged" -> flagged = true;
                default -> {
                    if (!f.startsWith("\\")) {
                        keywords.add(f);
                    } else {
                        LOGGER.debug("Sieve flag {} cannot be set at delivery in James; dropped", f);
                    }
                }
            }
        }
        return StorageDirective.builder()
            .targetFolder(folder)
            .seen(seen ? Optional.of(true) : Optional.empty())
            .important(flagged ? Optional.of(true) : Optional.empty())
            .keywords(keywords.isEmpty() ? Optional.empty() : Optional.of(keywords))
            .build();
    }

    private static void removeRecipient(Mail mail, MailAddress recipient) {
        List<MailAddress> left = new ArrayList<>(mail.getRecipients());
        left.remove(recipient);
        mail.setRecipients(left);
    }

    private void redirect(Mail mail, RedirectAction redirect) throws MessagingException {
        MailImpl out = MailImpl.builder()
            .name("redirect-" + mail.getName())
            .sender(mail.getMaybeSender())
            .addRecipient(new MailAddress(redirect.address()))
            .mimeMessage(mail.getMessage())
            .build();
        try {
            context.sendMail(out);
        } finally {
            out.dispose();
        }
    }

    /** RFC 5436: one mail to the URI's recipients; nothing for auto-submitted mail. */
    private void notify(Mail mail, MailAddress recipient, String originalRecipient, NotifyAction notify) throws MessagingException {
        String[] autoSubmitted = mail.getMessage().getHeader("Auto-Submitted");
        if (autoSubmitted != null) {
            for (String v : autoSubmitted) {
                if (!v.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
                    LOGGER.info("Sieve notify skipped: the mail is Auto-Submitted: {} (RFC 5436 section 2.7)", v);
                    return;
                }
            }
        }
        MailtoUri uri;
        try {
            uri = MailtoUri.parse(notify.method());
        } catch (MailtoUri.InvalidMailtoException e) {
            throw new MessagingException(e.getMessage(), e);
        }
        List<MailAddress> to = new ArrayList<>();
        for (String r : uri.recipients()) {
            to.add(new MailAddress(r));
        }
        if (to.isEmpty()) {
            LOGGER.info("Sieve notify to {} skipped: it names no recipient", notify.method());
            return;
        }
        MimeMessage message = new MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()));
        // RFC 5436 section 2.3: without :from, the notification comes from the user whose script it is.
        MailAddress from = notify.from() != null ? new MailAddress(notify.from()) : recipient;
        message.setFrom(new InternetAddress(from.asString()));
        for (MailAddress a : to) {
            message.addRecipient(javax.mail.Message.RecipientType.TO, new InternetAddress(a.asString()));
        }
        String defaultText = "New mail for " + recipient.asString() + ": " + subjectOf(mail);
        String text = notify.message() != null ? notify.message() : defaultText;
        message.setSubject(uri.subject() != null ? uri.subject() : text, "UTF-8");
        message.setText(uri.body() != null ? uri.body() : text, "UTF-8");
        message.setHeader("Auto-Submitted", "auto-notified");
        if (notify.importance() == 1) {
            message.setHeader("Importance", "high");
            message.setHeader("X-Priority", "1 (Highest)");
        } else if (notify.importance() == 3) {
            message.setHeader("Importance", "low");
            message.setHeader("X-Priority", "5 (Lowest)");
        }
        uri.headers().forEach((k, v) -> {
            try {
                message.addHeader(k, v);
            } catch (MessagingException e) {
                LOGGER.debug("Sieve notify header {} dropped: {}", k, e.getMessage());
            }
        });
        message.saveChanges();
        MailImpl out = MailImpl.builder()
            .name("sieve-notify-" + mail.getName())
            .sender(MailAddress.nullSender())
            .addRecipients(to)
            .addAttribute(new Attribute(SieveExecutor.SIEVE_NOTIFICATION, AttributeValue.of(true)))
            .mimeMessage(message)
            .build();
        try {
            context.sendMail(out);
        } finally {
            out.dispose();
        }
    }

    private static String subjectOf(Mail mail) {
        try {
            String s = mail.getMessage().getSubject();
            return s == null ? "(no subject)" : s;
        } catch (MessagingException e) {
            return "(no subject)";
        }
    }
}
