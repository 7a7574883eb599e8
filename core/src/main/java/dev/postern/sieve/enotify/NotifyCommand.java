package dev.postern.sieve.enotify;

import java.util.List;
import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.ExtensionCommand;
import dev.postern.sieve.NotifyAction;
import dev.postern.sieve.SieveRunContext;

/**
 * RFC 5435 section 3: notify [:from string] [:importance <"1"/"2"/"3">] [:options string-list]
 * [:message string] <method: string>. Does not cancel the implicit keep.
 */
public final class NotifyCommand extends ExtensionCommand {
    @Override
    protected String name() {
        return "notify";
    }

    @Override
    protected String capability() {
        return "enotify";
    }

    @Override
    protected void run(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, Set.of(),
            Set.of(":from", ":importance", ":options", ":message"));
        args.expectPositional(1, 1, "notify [:from] [:importance] [:options] [:message] <method>");
        String method = ctx.expand(args.string(0));
        try {
            MailtoUri.parse(method);
        } catch (MailtoUri.InvalidMailtoException e) {
            throw ctx.getCoordinate().commandException(e.getMessage());
        }
        String from = args.tagString(":from") == null ? null : ctx.expand(args.tagString(":from"));
        if (from != null && !MailtoUri.isAddress(stripBrackets(from))) {
            throw ctx.getCoordinate().commandException(
                "notify: :from \"" + from + "\" is not an address local@domain (RFC 5436 section 2.3)");
        }
        int importance = 2;
        String imp = args.tagString(":importance");
        if (imp != null) {
            imp = ctx.expand(imp);
            if (!imp.equals("1") && !imp.equals("2") && !imp.equals("3")) {
                throw args.error(":importance must be \"1\", \"2\" or \"3\", got \"" + imp + "\"");
            }
            importance = Integer.parseInt(imp);
        }
        List<String> options = args.tagStrings(":options") == null ? List.of() : ctx.expand(args.tagStrings(":options"));
        String message = args.tagString(":message") == null ? null : ctx.expand(args.tagString(":message"));
        // RFC 5435 section 3.10: an identical notification is sent once.
        for (Action a : mail.getActions()) {
            if (a instanceof NotifyAction n && n.method().equals(method)) {
                return;
            }
        }
        addAction(mail, ctx, new NotifyAction(method, from == null ? null : stripBrackets(from), importance, options, message));
    }

    private static String stripBrackets(String s) {
        String t = s.strip();
        int lt = t.indexOf('<');
        return lt >= 0 && t.endsWith(">") ? t.substring(lt + 1, t.length() - 1) : t;
    }
}
