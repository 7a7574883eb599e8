package dev.postern.sieve.enotify;

import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.ExtensionTest;
import dev.postern.sieve.SieveRunContext;

/** RFC 5435 section 5: valid_notify_method <notification-uris> is true when all are usable. */
public final class ValidNotifyMethodTest extends ExtensionTest {
    @Override
    protected String name() {
        return "valid_notify_method";
    }

    @Override
    protected String capability() {
        return "enotify";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, Set.of(), Set.of());
        args.expectPositional(1, 1, "valid_notify_method <notification-uris>");
        for (String uri : ctx.expand(args.strings(0))) {
            try {
                MailtoUri.parse(uri);
            } catch (MailtoUri.InvalidMailtoException e) {
                return false;
            }
        }
        return true;
    }
}
