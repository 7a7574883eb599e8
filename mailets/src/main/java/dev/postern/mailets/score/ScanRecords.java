package dev.postern.mailets.score;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

import dev.postern.score.Action;
import dev.postern.score.ScanResult;
import dev.postern.score.ScoringOptions;
import dev.postern.score.Symbol;
import dev.postern.scanlog.ScanRecord;

/**
 * The scan log's record of one message ({@link ScanRecord}) from James's {@link Mail}: the
 * envelope, the Message-ID field, the SPF, DKIM and DMARC results the authentication hook left
 * in the attributes of {@link ScoringOptions} (absent reads as "none", as for scoring), and the
 * verdict. Whoever decides a message's fate submits one: {@code ScoringHook} at DATA,
 * {@code AuthenticationHook} when it refuses before scoring, {@link ApplySpamVerdict} for mail
 * it scans itself.
 */
public final class ScanRecords {

    private ScanRecords() {
    }

    /** A scored message: its score, action and the names of the symbols that fired. */
    public static ScanRecord scored(Mail mail, Optional<InetAddress> clientIp, String helo, ScanResult result) {
        return of(mail, clientIp, helo, result.score(), result.action(),
            result.symbols().stream().map(Symbol::name).toList());
    }

    /** A message refused before it was scored (SPF, DKIM, DMARC): score 0, no symbols. */
    public static ScanRecord refused(Mail mail, Optional<InetAddress> clientIp, String helo, Action action) {
        return of(mail, clientIp, helo, 0, action, List.of());
    }

    private static ScanRecord of(Mail mail, Optional<InetAddress> clientIp, String helo, double score, Action action,
                                 List<String> symbols) {
        return new ScanRecord(Instant.now(), messageId(mail), mail.getMaybeSender().asString(""),
            mail.getRecipients().stream().map(MailAddress::asString).toList(),
            clientIp.map(InetAddress::getHostAddress).orElse(""), helo,
            result(mail, ScoringOptions.SPF_ATTRIBUTE), result(mail, ScoringOptions.DKIM_ATTRIBUTE),
            result(mail, ScoringOptions.DMARC_ATTRIBUTE), score, action.word(), symbols);
    }

    private static String result(Mail mail, String attribute) {
        return Optional.ofNullable(MailScanning.word(mail, attribute)).orElse("none");
    }

    /** The Message-ID field (RFC 5322 section 3.6.4) as written; empty when absent or unreadable. */
    private static String messageId(Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            String id = message == null ? null : message.getMessageID();
            return id == null ? "" : id.trim();
        } catch (MessagingException e) {
            return "";
        }
    }
}
