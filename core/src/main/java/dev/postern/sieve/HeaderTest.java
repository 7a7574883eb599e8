package dev.postern.sieve;

import java.util.ArrayList;
import java.util.List;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/** RFC 5228 section 5.7 "header", with variables, relational and regex. */
public final class HeaderTest extends ExtensionTest {
    @Override
    protected String name() {
        return "header";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, matchFlagTags(false), MatchSpec.VALUE_TAGS);
        args.expectPositional(2, 2, "header [COMPARATOR] [MATCH-TYPE] <header-names> <key-list>");
        MatchSpec spec = MatchSpec.parse(args, ctx);
        checkMatchCapabilities(spec, args, ctx);
        List<String> values = new ArrayList<>();
        for (String header : ctx.expand(args.strings(0))) {
            for (String v : mail.getMatchingHeader(header)) {
                values.add(v.strip());
            }
        }
        return spec.match(ctx, values, ctx.expand(args.strings(1)));
    }
}
