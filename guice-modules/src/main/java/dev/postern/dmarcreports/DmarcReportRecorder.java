package dev.postern.dmarcreports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.dmarc.report.DmarcReportRecords;
import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.dmarc.report.ReportPeriod;
import dev.postern.inbound.AuthenticationOutcome;
import dev.postern.inbound.Decision;

/**
 * Files the aggregate report record of each checked message (RFC 7489 section 7.2) when
 * {@code dmarc.reports.enabled=true} and the sender's policy asks for reports (rua=mailto:...).
 * A message answered 451 by the authentication check is not counted: it will be sent and
 * checked again. One refused later (greylisting answers 451 after this check) comes back with
 * the same client, envelope and Message-ID: the record id is a digest of those, so the retry,
 * on this server or another of the cluster, overwrites the first record instead of counting
 * twice; the same message sent to other recipients in another transaction counts again.
 * Without a Message-ID the id is James's mail name. Never throws: a store that fails loses one
 * record, never the mail.
 */
public class DmarcReportRecorder {

    private static final Logger LOGGER = LoggerFactory.getLogger(DmarcReportRecorder.class);

    private final DmarcReportSettings settings;
    private final DmarcReportStore store;
    private final Clock clock;

    @Inject
    public DmarcReportRecorder(DmarcReportSettings settings, DmarcReportStore store) {
        this(settings, store, Clock.systemUTC());
    }

    public DmarcReportRecorder(DmarcReportSettings settings, DmarcReportStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    public void record(Mail mail, AuthenticationOutcome outcome) {
        if (settings.enabled()) { // off by default: no digest per message in the SMTP path then
            record(recordId(mail, outcome), outcome);
        }
    }

    /** @param id the record's id: one per message */
    void record(String id, AuthenticationOutcome outcome) {
        if (!settings.enabled() || outcome.decision().action() == Decision.Action.DEFER) {
            return;
        }
        Instant now = clock.instant();
        try {
            DmarcReportRecords.of(id, now, outcome)
                .ifPresent(record -> store.add(ReportPeriod.containing(now, settings.interval()), record));
        } catch (RuntimeException e) {
            LOGGER.warn("DMARC report: could not file the record of {} for {} (storage backend down?); its report will miss it",
                id, outcome.dmarc().policyDomain().orElse(outcome.dmarc().fromDomain()), e);
        }
    }

    /** A digest of client, MAIL FROM, RCPT TO and Message-ID; James's mail name without a Message-ID. */
    static String recordId(Mail mail, AuthenticationOutcome outcome) {
        String messageId;
        try {
            messageId = mail.getMessage().getMessageID();
        } catch (MessagingException e) {
            messageId = null;
        }
        if (messageId == null || messageId.isBlank()) {
            return mail.getName();
        }
        StringBuilder identity = new StringBuilder()
            .append(outcome.spf().ip().getHostAddress()).append('\n')
            .append(mail.getMaybeSender().asString("")).append('\n')
            .append(messageId.strip()).append('\n');
        mail.getRecipients().stream().map(MailAddress::asString).sorted().forEach(rcpt -> identity.append(rcpt).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
