package dev.postern.smtp;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

/**
 * Refuses MAIL FROM until the client has authenticated, as a submission port must
 * (RFC 6409 section 4.3; the reply is RFC 4954 section 6's {@code 530 5.7.0}). James alone only
 * demands AUTH to relay, so unauthenticated clients could still submit to local users.
 * For the submission listener in {@code smtpserver.xml}:
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.postern.smtp.AuthRequiredHook"/>
 *     ...
 * </handlerchain>
 * }</pre>
 */
public class AuthRequiredHook implements MailHook {

    static final HookResult AUTHENTICATION_REQUIRED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("530")
        .smtpDescription("5.7.0 Authentication required")
        .build();

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.getUsername() == null) {
            return AUTHENTICATION_REQUIRED;
        }
        return HookResult.DECLINED;
    }
}
