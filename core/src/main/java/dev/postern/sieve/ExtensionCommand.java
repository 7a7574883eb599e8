package dev.postern.sieve;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.Block;
import org.apache.jsieve.ExecutableCommand;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/**
 * Base of our commands: takes no block, leaves the prolog (RFC 5228 section 3.2), and hands a
 * {@link SieveRunContext} to {@link #run}.
 */
public abstract class ExtensionCommand implements ExecutableCommand {

    /** The command name, for error messages. */
    protected abstract String name();

    /** The capability that must be required to use this command, or null. */
    protected String capability() {
        return null;
    }

    protected abstract void run(MailAdapter mail, Arguments arguments, SieveRunContext ctx)
            throws SieveException;

    @Override
    public final Object execute(MailAdapter mail, Arguments arguments, Block block, SieveContext context)
            throws SieveException {
        SieveRunContext ctx = SieveRunContext.of(context);
        if (block != null) {
            throw context.getCoordinate().syntaxException(name() + ": takes no block; missing ';'?");
        }
        String cap = capability();
        if (cap != null && !ctx.isRequired(cap)) {
            throw context.getCoordinate().syntaxException(
                name() + ": needs require \"" + cap + "\" at the top of the script");
        }
        context.getCommandStateManager().setInProlog(false);
        run(mail, arguments, ctx);
        return null;
    }

    /** For actions: RFC 5228 section 4.2 ff. forbid actions after reject (jSieve's rule). */
    protected static void checkNotRejected(SieveRunContext ctx, String name) throws SieveException {
        if (ctx.getCommandStateManager().isRejected()) {
            throw ctx.getCoordinate().commandException(name + ": cannot act on a rejected message");
        }
    }

    /**
     * Actions one run may take. RFC 5228 section 10 asks implementations to bound what a script
     * can do; 32 is Pigeonhole's default (sieve_max_actions), so Dovecot scripts fit.
     */
    public static final int ACTIONS_MAX = 32;

    /** RFC 5228 section 4.2: redirects SHOULD be limited; 4 as Pigeonhole (sieve_max_redirects). */
    public static final int REDIRECTS_MAX = 4;

    /** Adds an action within {@link #ACTIONS_MAX} and {@link #REDIRECTS_MAX}. */
    protected static void addAction(MailAdapter mail, SieveRunContext ctx, org.apache.jsieve.mail.Action action)
            throws SieveException {
        java.util.List<org.apache.jsieve.mail.Action> actions = mail.getActions();
        if (actions.size() >= ACTIONS_MAX) {
            throw ctx.getCoordinate().commandException(
                "too many actions: at most " + ACTIONS_MAX + " per message");
        }
        if (action instanceof RedirectAction
            && actions.stream().filter(RedirectAction.class::isInstance).count() >= REDIRECTS_MAX) {
            throw ctx.getCoordinate().commandException(
                "too many redirects: at most " + REDIRECTS_MAX + " per message");
        }
        mail.addAction(action);
    }

    /** An action that cancels the implicit keep (RFC 5228 section 2.10.2) unless :copy (RFC 3894). */
    protected static void actionTaken(SieveRunContext ctx, boolean copy) {
        ctx.getCommandStateManager().setHasActions(true);
        if (!copy) {
            ctx.getCommandStateManager().setImplicitKeep(false);
        }
    }
}
