package dev.postern.sieve;

import java.util.Locale;
import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.Block;
import org.apache.jsieve.ExecutableCommand;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.FeatureException;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/** RFC 5228 section 3.2 "require": records the capabilities; unknown ones are an error. */
public final class RequireCommand implements ExecutableCommand {
    private final Set<String> supported;

    RequireCommand(Set<String> supported) {
        this.supported = supported;
    }

    @Override
    public Object execute(MailAdapter mail, Arguments arguments, Block block, SieveContext context)
            throws SieveException {
        SieveRunContext ctx = SieveRunContext.of(context);
        if (!context.getCommandStateManager().isInProlog()) {
            throw context.getCoordinate().commandException("require: must come before any other command");
        }
        Args args = Args.parse("require", arguments, ctx, Set.of(), Set.of());
        args.expectPositional(1, 1, "require <capabilities: string-list>");
        for (String cap : args.strings(0)) {
            String c = cap.toLowerCase(Locale.ROOT);
            if (!supported.contains(c)) {
                throw new FeatureException("require: capability \"" + cap + "\" is not supported; supported: "
                    + new java.util.TreeSet<>(supported));
            }
            ctx.require(c);
        }
        return null;
    }
}
