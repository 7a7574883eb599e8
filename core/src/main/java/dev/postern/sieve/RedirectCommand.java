package dev.postern.sieve;

import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/** RFC 5228 section 4.2 "redirect", with ":copy" (RFC 3894). */
public final class RedirectCommand extends ExtensionCommand {
    @Override
    protected String name() {
        return "redirect";
    }

    @Override
    protected void run(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, Set.of(":copy"), Set.of());
        args.expectPositional(1, 1, "redirect [:copy] <address>");
        if (args.has(":copy") && !ctx.isRequired("copy")) {
            throw args.error(":copy needs require \"copy\"");
        }
        checkNotRejected(ctx, name());
        String address = ctx.expand(args.string(0)).strip();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.contains(" ")) {
            throw ctx.getCoordinate().commandException(
                "redirect: \"" + address + "\" is not an address of the form local@domain");
        }
        addAction(mail, ctx, new RedirectAction(address, args.has(":copy")));
        actionTaken(ctx, args.has(":copy"));
    }
}
