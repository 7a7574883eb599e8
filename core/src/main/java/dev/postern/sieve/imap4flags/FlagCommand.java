package dev.postern.sieve.imap4flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.ExtensionCommand;
import dev.postern.sieve.SieveRunContext;
import dev.postern.sieve.variables.Variables;

/** RFC 5232 sections 3.1-3.3: setflag, addflag, removeflag [<variablename>] <list-of-flags>. */
public abstract class FlagCommand extends ExtensionCommand {

    /** The new flag list from the old one and the argument flags. */
    protected abstract List<String> apply(List<String> current, List<String> given);

    @Override
    protected String capability() {
        return "imap4flags";
    }

    @Override
    protected void run(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, Set.of(), Set.of());
        args.expectPositional(1, 2, name() + " [<variablename>] <list-of-flags>");
        String variable = null;
        if (args.positionalCount() == 2) {
            if (!ctx.isRequired("variables")) {
                throw args.error("a variable name needs require \"variables\"");
            }
            variable = args.string(0);
            if (!Variables.isIdentifier(variable)) {
                throw args.error("\"" + variable + "\" is not a variable name (RFC 5229 section 3)");
            }
        }
        List<String> given = Flags.parse(ctx.expand(args.strings(args.positionalCount() - 1)));
        Flags.put(ctx, variable, apply(Flags.get(ctx, variable), given));
    }

    /** RFC 5232 section 3.1: replaces the flags. */
    public static final class SetFlag extends FlagCommand {
        @Override
        protected String name() {
            return "setflag";
        }

        @Override
        protected List<String> apply(List<String> current, List<String> given) {
            return given;
        }
    }

    /** RFC 5232 section 3.2: adds flags not yet present. */
    public static final class AddFlag extends FlagCommand {
        @Override
        protected String name() {
            return "addflag";
        }

        @Override
        protected List<String> apply(List<String> current, List<String> given) {
            List<String> out = new ArrayList<>(current);
            out.addAll(given);
            return out;
        }
    }

    /** RFC 5232 section 3.3: removes the flags, compared case-insensitively. */
    public static final class RemoveFlag extends FlagCommand {
        @Override
        protected String name() {
            return "removeflag";
        }

        @Override
        protected List<String> apply(List<String> current, List<String> given) {
            Set<String> drop = new java.util.HashSet<>();
            for (String g : given) {
                drop.add(g.toLowerCase(Locale.ROOT));
            }
            List<String> out = new ArrayList<>();
            for (String c : current) {
                if (!drop.contains(c.toLowerCase(Locale.ROOT))) {
                    out.add(c);
                }
            }
            return out;
        }
    }
}
