package dev.postern.smtp;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.smtpserver.fastfail.ValidRcptHandler;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import dev.postern.subaddress.Subaddressing;

/**
 * James's {@code ValidRcptHandler} that also accepts {@code user+detail@domain} when
 * {@code user@domain} is a valid recipient (a user or an alias), as Postfix does with
 * {@code recipient_delimiter}. Unknown users of local domains are still refused with
 * {@code 550 5.1.1}. Use it in {@code smtpserver.xml} in place of James's handler:
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.postern.smtp.SubaddressValidRcptHandler"/>
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 * Delimiters come from {@code postern.properties} through {@code dev.postern.guice.PosternModule}.
 */
public class SubaddressValidRcptHandler extends ValidRcptHandler {

    private final Subaddressing subaddressing;

    @Inject
    public SubaddressValidRcptHandler(UsersRepository users, RecipientRewriteTable recipientRewriteTable,
                                      DomainList domains, Subaddressing subaddressing) {
        super(users, recipientRewriteTable, domains);
        this.subaddressing = subaddressing;
    }

    @Override
    protected boolean isValidRecipient(SMTPSession session, MailAddress recipient)
            throws UsersRepositoryException, RecipientRewriteTableException {
        if (super.isValidRecipient(session, recipient)) {
            return true;
        }
        Optional<MailAddress> user = subaddressing.split(recipient.getLocalPart())
            .flatMap(subaddress -> userAddress(subaddress.user(), recipient));
        return user.isPresent() && super.isValidRecipient(session, user.get());
    }

    /** Empty when "user" alone is no valid local part (a quoted one such as "me+x y"). */
    private static Optional<MailAddress> userAddress(String user, MailAddress recipient) {
        try {
            return Optional.of(new MailAddress(user, recipient.getDomain()));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
