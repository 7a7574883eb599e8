package dev.postern.sieve.imap4flags;

import java.util.ArrayList;
import java.util.List;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.ExtensionTest;
import dev.postern.sieve.MatchSpec;
import dev.postern.sieve.SieveRunContext;

/** RFC 5232 section 4: hasflag [MATCH-TYPE] [COMPARATOR] [<variable-list>] <list-of-flags>. */
public final class HasFlagTest extends ExtensionTest {
    @Override
    protected String name() {
        return "hasflag";
    }

    @Override
    protected String capability() {
        return "imap4flags";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, matchFlagTags(false), MatchSpec.VALUE_TAGS);
        args.expectPositional(1, 2, "hasflag [MATCH-TYPE] [COMPARATOR] [<variable-list>] <list-of-flags>");
        MatchSpec spec = MatchSpec.parse(args, ctx);
        checkMatchCapabilities(spec, args, ctx);
        List<String> flags = new ArrayList<>();
        if (args.positionalCount() == 2) {
            if (!ctx.isRequired("variables")) {
                throw args.error("a variable list needs require \"variables\"");
            }
            List<String> all = new ArrayList<>();
            for (String variable : args.strings(0)) {
                all.addAll(Flags.get(ctx, variable));
            }
            flags = Flags.parse(all);
        } else {
            flags = Flags.get(ctx, null);
        }
        // RFC 5232 section 4: the key strings are flag lists too ("b A" is the flags b and A).
        List<String> keys = Flags.parse(ctx.expand(args.strings(args.positionalCount() - 1)));
        return spec.match(ctx, flags, keys);
    }
}
