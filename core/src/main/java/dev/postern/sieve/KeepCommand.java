package dev.postern.sieve;

import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.imap4flags.Flags;

/** RFC 5228 section 4.3 "keep", with ":flags" (RFC 5232 section 5). */
public final class KeepCommand extends ExtensionCommand {
    @Override
    protected String name() {
        return "keep";
    }

    @Override
    protected void run(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, Set.of(), Set.of(":flags"));
        args.expectPositional(0, 0, "keep [:flags <list>]");
        checkNotRejected(ctx, name());
        addAction(mail, ctx, new KeepAction(Flags.forAction(args, ctx)));
        actionTaken(ctx, false);
    }
}
