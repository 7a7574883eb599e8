package dev.postern.smtp;

import java.net.InetAddress;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.dmarcreports.DmarcReportRecorder;
import dev.postern.inbound.AuthenticationOutcome;
import dev.postern.inbound.Decision;
import dev.postern.inbound.MessageAuthenticator;
import dev.postern.mailets.dkim.DkimVerify;
import dev.postern.mailets.score.ScanRecords;
import dev.postern.metrics.MailCheckMetrics;
import dev.postern.scanlog.ScanLog;
import dev.postern.score.Action;
import dev.postern.spf.SpfVerdict;

/**
 * SPF, DKIM and DMARC of mail from other servers, decided during the SMTP transaction
 * ({@link MessageAuthenticator} does the work):
 * <ul>
 * <li>MAIL FROM: SPF of MAIL FROM and of HELO (only HELO for a null reverse-path); 451 4.7.24 on a DNS failure only
 *     with {@code authentication.temperror=defer}, 550 5.7.23 on "fail" only with
 *     {@code authentication.spf.reject-fail=true};</li>
 * <li>end of DATA: DKIM, then DMARC for the From field; {@code 550 5.7.1} when the disposition
 *     is reject (after pct sampling), so that nothing bounces to a forged sender. The results go
 *     into mail attributes ({@link dev.postern.inbound.AuthenticationAttributes}) for the
 *     {@code AddAuthenticationResults} mailet and the matchers.</li>
 * </ul>
 * Authenticated clients and clients in {@code authentication.trusted-networks} are not checked;
 * loopback is checked like any other client unless listed. A message refused at DATA is never
 * scored ({@code ScoringHook} comes after), so its record in the scan log ({@link ScanLog}) is
 * submitted here: action "reject" (550) or "soft reject" (451), score 0. Each message checked
 * counts in its SPF, DKIM and DMARC results' metrics ({@link MailCheckMetrics}) and, when its
 * policy asks for them, in the DMARC aggregate reports ({@link DmarcReportRecorder}). Settings come from
 * {@code conf/postern.properties} through {@code dev.postern.guice.PosternModule}. For the MX
 * listener only (never submission), in {@code smtpserver.xml}, before James's handlers so that a
 * refusal comes before the mail is queued:
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.postern.smtp.AuthenticationHook"/>
 *     <handler class="dev.postern.smtp.SubaddressValidRcptHandler"/>
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 */
public class AuthenticationHook implements MailHook, JamesMessageHook {

    private static final Logger LOGGER = LoggerFactory.getLogger(AuthenticationHook.class);
    private static final AttachmentKey<SpfVerdict> SPF = AttachmentKey.of("dev.postern.spf.verdict", SpfVerdict.class);
    private static final AttachmentKey<SpfVerdict> SPF_HELO = AttachmentKey.of("dev.postern.spf.helo-verdict", SpfVerdict.class);

    private final MessageAuthenticator authenticator;
    private final ScanLog scanLog;
    private final MailCheckMetrics metrics;
    private final DmarcReportRecorder dmarcReports;

    @Inject
    public AuthenticationHook(MessageAuthenticator authenticator, ScanLog scanLog, MailCheckMetrics metrics, DmarcReportRecorder dmarcReports) {
        this.authenticator = authenticator;
        this.scanLog = scanLog;
        this.metrics = metrics;
        this.dmarcReports = dmarcReports;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        InetAddress client = session.getRemoteAddress().getAddress();
        if (!authenticator.policy().checks(client, session.getUsername() != null)) {
            return HookResult.DECLINED;
        }
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("");
        SpfVerdict verdict = authenticator.spf(client, sender.asString(""), helo);
        session.setAttachment(SPF, verdict, State.Transaction);
        Optional<SpfVerdict> heloVerdict = authenticator.helo(client, sender.asString(""), helo);
        heloVerdict.ifPresent(v -> session.setAttachment(SPF_HELO, v, State.Transaction));
        Decision decision = authenticator.atMailFrom(verdict);
        if (decision.action() == Decision.Action.ACCEPT && heloVerdict.isPresent()) {
            decision = authenticator.atMailFrom(heloVerdict.get());
        }
        return reply(decision);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<SpfVerdict> spf = session.getAttachment(SPF, State.Transaction);
        if (spf.isEmpty()) {
            return HookResult.DECLINED;
        }
        AuthenticationOutcome outcome;
        try {
            outcome = authenticator.message(spf.get(), session.getAttachment(SPF_HELO, State.Transaction), ReceivedMessage.bytes(session, mail));
        } catch (MessagingException e) {
            LOGGER.error("Could not read mail {} to check DKIM and DMARC", mail.getName(), e);
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("451")
                .smtpDescription("4.3.0 Could not read the message: try again later").build();
        }
        outcome.attributes().forEach((name, value) -> mail.setAttribute(new Attribute(AttributeName.of(name), AttributeValue.of(value))));
        DkimVerify.record(mail, outcome.dkim());
        metrics.authenticated(outcome);
        dmarcReports.record(mail, outcome);
        LOGGER.info("{} from {}: {}; disposition {}{}", mail.getName(), spf.get().ip().getHostAddress(),
            outcome.authenticationResults(), outcome.disposition().keyword(), outcome.override().map(o -> " (" + o + ")").orElse(""));
        recordRefusal(session, mail, outcome.decision());
        return reply(outcome.decision());
    }

    private void recordRefusal(SMTPSession session, Mail mail, Decision decision) {
        Optional<Action> refused = switch (decision.action()) {
            case REJECT -> Optional.of(Action.REJECT);
            case DEFER -> Optional.of(Action.SOFT_REJECT);
            case ACCEPT, QUARANTINE -> Optional.empty();
        };
        refused.ifPresent(action -> scanLog.submit(ScanRecords.refused(mail, Optional.of(session.getRemoteAddress().getAddress()),
            session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse(""), action)));
    }

    private static HookResult reply(Decision decision) {
        return switch (decision.action()) {
            case REJECT -> HookResult.builder().hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(decision.reply().orElseThrow()).smtpDescription(decision.text().orElseThrow()).build();
            case DEFER -> HookResult.builder().hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(decision.reply().orElseThrow()).smtpDescription(decision.text().orElseThrow()).build();
            case ACCEPT, QUARANTINE -> HookResult.DECLINED;
        };
    }
}
