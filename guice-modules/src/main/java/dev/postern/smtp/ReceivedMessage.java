package dev.postern.smtp;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.mailet.Mail;

import dev.postern.mailets.score.MailScanning;

/**
 * The message of the current SMTP transaction as bytes, written out of James's MimeMessage once
 * at the end of DATA and shared by the hooks that read it ({@link AuthenticationHook} for DKIM
 * and DMARC, then {@link ScoringHook} for the scan) instead of each writing it out again. The copy
 * lives in a transaction attachment (James drops those when the transaction ends) together with
 * the mail's name, so that it is never taken for another mail's. The hooks only read the message
 * and set mail attributes; a hook that changed the message would have to come after both.
 */
final class ReceivedMessage {

    private record Copy(String mailName, byte[] bytes) {
    }

    private static final AttachmentKey<Copy> COPY = AttachmentKey.of("dev.postern.smtp.message-bytes", Copy.class);

    private ReceivedMessage() {
    }

    /** The message as it will be delivered, CRLF line ends; the array is shared: do not change it. */
    static byte[] bytes(SMTPSession session, Mail mail) throws MessagingException {
        Optional<Copy> kept = session.getAttachment(COPY, State.Transaction).filter(copy -> copy.mailName().equals(mail.getName()));
        if (kept.isPresent()) {
            return kept.get().bytes();
        }
        byte[] bytes = MailScanning.bytes(mail);
        session.setAttachment(COPY, new Copy(mail.getName(), bytes), State.Transaction);
        return bytes;
    }
}
