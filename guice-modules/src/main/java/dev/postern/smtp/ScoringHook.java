package dev.postern.smtp;

import java.net.InetSocketAddress;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.score.ScanResult;
import dev.postern.score.ScoringEngine;
import dev.postern.score.ScoringOptions;
import dev.postern.mailets.score.MailScanning;
import dev.postern.mailets.score.ScanRecords;
import dev.postern.metrics.MailCheckMetrics;
import dev.postern.scanlog.ScanLog;

/**
 * Scores each message at the end of DATA and refuses it there, while the client still holds it:
 * "reject" answers {@code 554 5.7.1}, "soft reject" and "greylist" {@code 451 4.7.1} (the
 * client retries; a greylisted triplet passes once the delay of {@code <greylist>} in the rules
 * has elapsed). Refusing in the transaction means Postern never sends a bounce for spam
 * (no backscatter). Other verdicts are left as mail attributes for
 * {@code dev.postern.mailets.score.ApplySpamVerdict}, which adds the headers and files into Junk.
 * Authenticated clients are not scanned unless {@code scoring.scan.authenticated=true}.
 * In {@code smtpserver.xml}, in the MX listener's chain, before James's core handlers:
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.postern.smtp.SubaddressValidRcptHandler"/>
 *     <handler class="dev.postern.smtp.ScoringHook"/>
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 * The SPF, DKIM and DMARC results are read from the mail attributes named in {@link ScoringOptions}.
 * Every message scanned here, refused or not, gets one record in the scan log ({@link ScanLog},
 * {@code opensearch.enabled}); submitting only queues it, the reply never waits for the log.
 * Scans are counted by action and timed ({@link MailCheckMetrics}).
 */
public class ScoringHook implements JamesMessageHook {

    private static final Logger LOGGER = LoggerFactory.getLogger(ScoringHook.class);

    private final ScoringEngine engine;
    private final ScoringOptions options;
    private final ScanLog scanLog;
    private final MailCheckMetrics metrics;

    @Inject
    public ScoringHook(ScoringEngine engine, ScoringOptions options, ScanLog scanLog, MailCheckMetrics metrics) {
        this.engine = engine;
        this.options = options;
        this.scanLog = scanLog;
        this.metrics = metrics;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<String> user = Optional.ofNullable(session.getUsername()).map(Username::asString);
        if (user.isPresent() && !options.scanAuthenticated()) {
            return HookResult.DECLINED;
        }
        ScanResult result;
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
        Optional<java.net.InetAddress> ip = Optional.ofNullable(session.getRemoteAddress()).map(InetSocketAddress::getAddress);
        try {
            result = metrics.timeScan(() -> engine.scan(ReceivedMessage.bytes(session, mail), MailScanning.context(mail, ip, helo, user)));
        } catch (MessagingException | RuntimeException e) { // never lose mail to a scanning fault: the mailet will try again
            LOGGER.warn("Could not scan mail {} at DATA; the mailet will", mail.getName(), e);
            return HookResult.DECLINED;
        }
        LOGGER.info("Scanned {} from {}: {}", mail.getName(), mail.getMaybeSender().asString(), result.toJson());
        scanLog.submit(ScanRecords.scored(mail, ip, helo, result));
        metrics.scanned(result.action());
        return switch (result.action()) {
            case REJECT -> reply(HookReturnCode.deny(), "554", "5.7.1 Message refused as spam (" + reason(result) + ")");
            case SOFT_REJECT -> reply(HookReturnCode.denySoft(), "451", "4.7.1 Try again later (" + reason(result) + ")");
            case GREYLIST -> reply(HookReturnCode.denySoft(), "451", "4.7.1 Greylisted, try again later");
            default -> {
                MailScanning.record(mail, result);
                yield HookResult.DECLINED;
            }
        };
    }

    /** What the client's user may read in their bounce: the forcing symbol, or the score. */
    private static String reason(ScanResult result) {
        return result.forcedBy().orElseGet(() -> "score " + result.scoreHeader());
    }

    private static HookResult reply(HookReturnCode code, String smtpCode, String description) {
        return HookResult.builder().hookReturnCode(code).smtpReturnCode(smtpCode).smtpDescription(description).build();
    }
}
