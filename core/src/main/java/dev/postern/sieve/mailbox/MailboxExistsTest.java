package dev.postern.sieve.mailbox;

import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.ExtensionTest;
import dev.postern.sieve.SieveMail;
import dev.postern.sieve.SieveRunContext;

/** RFC 5490 section 3.1: mailboxexists <mailbox-names> is true when every named mailbox exists. */
public final class MailboxExistsTest extends ExtensionTest {
    @Override
    protected String name() {
        return "mailboxexists";
    }

    @Override
    protected String capability() {
        return "mailbox";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, Set.of(), Set.of());
        args.expectPositional(1, 1, "mailboxexists <mailbox-names>");
        if (!(mail instanceof SieveMail m)) {
            throw new SieveException("mailboxexists: the mail adapter " + mail.getClass().getName()
                + " cannot look up mailboxes; it must implement dev.postern.sieve.SieveMail");
        }
        for (String name : ctx.expand(args.strings(0))) {
            if (!m.mailboxExists(name)) {
                return false;
            }
        }
        return true;
    }
}
