package dev.postern.sieve;

import java.util.ArrayList;
import java.util.List;

import org.apache.jsieve.Argument;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.Block;
import org.apache.jsieve.ExecutableCommand;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.StringListArgument;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/**
 * Runs one of jSieve's own commands (reject, vacation) with its string arguments expanded first,
 * as RFC 5229 section 3 asks for every string of every command once "variables" is required.
 */
final class ExpandingCommand implements ExecutableCommand {
    private final ExecutableCommand delegate;

    ExpandingCommand(ExecutableCommand delegate) {
        this.delegate = delegate;
    }

    @Override
    public Object execute(MailAdapter mail, Arguments arguments, Block block, SieveContext context)
            throws SieveException {
        SieveRunContext ctx = SieveRunContext.of(context);
        if (!ctx.isRequired("variables")) {
            return delegate.execute(mail, arguments, block, context);
        }
        List<Argument> expanded = new ArrayList<>(arguments.getArgumentList().size());
        for (Argument a : arguments.getArgumentList()) {
            expanded.add(a instanceof StringListArgument s ? new StringListArgument(ctx.expand(s.getList())) : a);
        }
        return delegate.execute(mail, new Arguments(expanded, arguments.getTestList()), block, context);
    }
}
