package dev.postern.sieve.variables;

import java.util.List;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.Comparator;
import dev.postern.sieve.ExtensionTest;
import dev.postern.sieve.MatchSpec;
import dev.postern.sieve.SieveRunContext;

/** RFC 5229 section 5: string [MATCH-TYPE] [COMPARATOR] <source: string-list> <key-list>. */
public final class StringTest extends ExtensionTest {
    @Override
    protected String name() {
        return "string";
    }

    @Override
    protected String capability() {
        return "variables";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, matchFlagTags(false), MatchSpec.VALUE_TAGS);
        args.expectPositional(2, 2, "string [MATCH-TYPE] [COMPARATOR] <source> <key-list>");
        // Dovecot Pigeonhole compares "string" with i;octet unless told otherwise (checked with
        // sieve-test: string :is "Value" "value" is false there); scripts written for it rely on that.
        MatchSpec spec = MatchSpec.parse(args, ctx, Comparator.OCTET);
        checkMatchCapabilities(spec, args, ctx);
        List<String> source = ctx.expand(args.strings(0));
        // RFC 5229 section 5: for :count, an empty string is not counted.
        int count = (int) source.stream().filter(s -> !s.isEmpty()).count();
        return spec.match(ctx, source, ctx.expand(args.strings(1)), count);
    }
}
