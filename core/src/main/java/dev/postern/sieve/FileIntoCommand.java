package dev.postern.sieve;

import java.util.List;
import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.imap4flags.Flags;

/**
 * RFC 5228 section 4.1 "fileinto", with ":copy" (RFC 3894), ":create" (RFC 5490 section 3.2)
 * and ":flags" (RFC 5232 section 5).
 */
public final class FileIntoCommand extends ExtensionCommand {
    @Override
    protected String name() {
        return "fileinto";
    }

    @Override
    protected String capability() {
        return "fileinto";
    }

    @Override
    protected void run(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, Set.of(":copy", ":create"), Set.of(":flags"));
        args.expectPositional(1, 1, "fileinto [:copy] [:create] [:flags <list>] <mailbox>");
        if (args.has(":copy") && !ctx.isRequired("copy")) {
            throw args.error(":copy needs require \"copy\"");
        }
        if (args.has(":create") && !ctx.isRequired("mailbox")) {
            throw args.error(":create needs require \"mailbox\"");
        }
        List<String> flags = Flags.forAction(args, ctx);
        checkNotRejected(ctx, name());
        String mailbox = ctx.expand(args.string(0));
        if (mailbox.isEmpty()) {
            throw ctx.getCoordinate().commandException("fileinto: mailbox name is empty after variable expansion");
        }
        // RFC 5228 section 2.10.3: filing twice into the same mailbox stores one copy.
        boolean duplicate = false;
        for (Action a : mail.getActions()) {
            if (a instanceof FileIntoAction f && f.mailbox().equals(mailbox)) {
                duplicate = true;
            }
        }
        if (!duplicate) {
            addAction(mail, ctx, new FileIntoAction(mailbox, args.has(":create"), args.has(":copy"), flags));
        }
        actionTaken(ctx, args.has(":copy"));
    }
}
