package dev.postern.mailets.score;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.score.Action;
import dev.postern.score.ScanResult;
import dev.postern.score.ScoringEngine;
import dev.postern.score.ScoringOptions;
import dev.postern.scanlog.ScanLog;

/**
 * Applies the spam verdict to mail that is delivered: adds {@code X-Spam-Score},
 * {@code X-Spam-Action} and {@code X-Spam-Symbols} (folded) to every scanned message; on
 * "add header" files it into each local recipient's Junk folder ({@code scoring.junk.folder} in
 * {@code postern.properties}; LocalDelivery creates it); on "rewrite subject" prefixes the subject
 * ({@code scoring.subject}). The verdict is the one {@code dev.postern.smtp.ScoringHook} left in the
 * mail attributes at DATA; mail that did not pass the hook (another listener, mail made by
 * mailets) is scanned here. Mail from authenticated clients is left alone unless
 * {@code scoring.scan.authenticated=true}. Verdicts refused at DATA (reject, soft reject,
 * greylist) found here are treated as "add header": mail is never refused after it was accepted.
 * Mail scanned here gets its record in the scan log ({@link ScanLog}, {@code opensearch.enabled});
 * the hook records what it scanned itself.
 * In {@code transport}, after {@code RecipientRewriteTable} (Junk is filed for the final users):
 * <pre>{@code
 * <mailet match="All" class="dev.postern.mailets.score.ApplySpamVerdict">
 *     <junk>true</junk>   <!-- false: headers only, delivered to INBOX -->
 * </mailet>
 * }</pre>
 */
public class ApplySpamVerdict extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(ApplySpamVerdict.class);
    /** RFC 5322 section 2.1.1: lines SHOULD stay under 78 characters. */
    static final int FOLD_AT = 78;

    private final ScoringEngine engine;
    private final ScoringOptions options;
    private final UsersRepository usersRepository;
    private final ScanLog scanLog;
    private boolean junk;

    @Inject
    public ApplySpamVerdict(ScoringEngine engine, ScoringOptions options, UsersRepository usersRepository, ScanLog scanLog) {
        this.engine = engine;
        this.options = options;
        this.usersRepository = usersRepository;
        this.scanLog = scanLog;
    }

    @Override
    public void init() {
        junk = getInitParameter("junk", true);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (MailScanning.word(mail, ScoringOptions.ACTION_ATTRIBUTE) == null && !scanHere(mail)) {
            return;
        }
        Action action = Action.parse(MailScanning.word(mail, ScoringOptions.ACTION_ATTRIBUTE)).orElse(Action.NO_ACTION);
        MimeMessage message = mail.getMessage();
        message.setHeader(ScanResult.SCORE_HEADER, MailScanning.word(mail, ScoringOptions.SCORE_ATTRIBUTE));
        message.setHeader(ScanResult.ACTION_HEADER, action.word());
        message.setHeader(ScanResult.SYMBOLS_HEADER, fold(ScanResult.SYMBOLS_HEADER, MailScanning.word(mail, ScoringOptions.SYMBOLS_ATTRIBUTE)));
        if (action == Action.REWRITE_SUBJECT) {
            message.setSubject(options.rewriteSubject(message.getSubject()), "UTF-8");
        } else if (action.atLeast(Action.ADD_HEADER) && junk) {
            mail.getRecipients().forEach(recipient -> fileIntoJunk(mail, recipient));
        }
        // No saveChanges(): it re-parses every MIME part and throws on a malformed one (spam often
        // is), sending the mail to the error processor; James writes the changed fields as they are.
    }

    /** Scans mail the hook did not see; false when it is not to be scanned. */
    private boolean scanHere(Mail mail) throws MessagingException {
        Optional<String> user = Optional.ofNullable(MailScanning.word(mail, Mail.SMTP_AUTH_USER.asString()));
        if (user.isPresent() && !options.scanAuthenticated()) {
            return false;
        }
        Optional<java.net.InetAddress> ip = Optional.empty();
        try {
            ip = Optional.of(java.net.InetAddress.getByName(mail.getRemoteAddr())); // a literal: no lookup
        } catch (java.net.UnknownHostException | RuntimeException e) {
            LOGGER.debug("Mail {} has no usable client address '{}'", mail.getName(), mail.getRemoteAddr());
        }
        ScanResult result = engine.scan(MailScanning.bytes(mail), MailScanning.context(mail, ip, "", user));
        MailScanning.record(mail, result);
        scanLog.submit(ScanRecords.scored(mail, ip, "", result));
        return true;
    }

    private void fileIntoJunk(Mail mail, MailAddress recipient) {
        try {
            StorageDirective.builder().targetFolder(options.junkFolder()).build()
                .encodeAsAttributes(usersRepository.getUsername(recipient))
                .forEach(mail::setAttribute);
        } catch (UsersRepositoryException | RuntimeException e) {
            LOGGER.warn("Mail {} for {} goes to INBOX: could not file it into {}", mail.getName(), recipient.asString(), options.junkFolder(), e);
        }
    }

    /** Folds a header value at ", " so that lines stay under {@link #FOLD_AT} (RFC 5322 section 2.2.3). */
    static String fold(String name, String value) {
        StringBuilder out = new StringBuilder();
        int line = name.length() + 2;
        String[] parts = value.split(", ");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i] + (i < parts.length - 1 ? "," : "");
            if (i > 0) {
                if (line + 1 + part.length() > FOLD_AT) {
                    out.append("\r\n\t");
                    line = 1;
                } else {
                    out.append(' ');
                    line++;
                }
            }
            out.append(part);
            line += part.length();
        }
        return out.toString();
    }

    @Override
    public String getMailetInfo() {
        return "Adds the X-Spam headers, files spam into Junk, rewrites subjects";
    }
}
