package dev.postern.sieve;

import java.util.ArrayList;
import java.util.List;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/** RFC 5228 section 5.1 "address", with subaddress (RFC 5233), variables, relational and regex. */
public final class AddressTest extends ExtensionTest {
    @Override
    protected String name() {
        return "address";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, matchFlagTags(true), MatchSpec.VALUE_TAGS);
        args.expectPositional(2, 2,
            "address [COMPARATOR] [ADDRESS-PART] [MATCH-TYPE] <header-list> <key-list>");
        MatchSpec spec = MatchSpec.parse(args, ctx);
        checkMatchCapabilities(spec, args, ctx);
        List<String> values = new ArrayList<>();
        int count = 0;
        for (String header : ctx.expand(args.strings(0))) {
            for (MailAdapter.Address a : mail.parseAddresses(header)) {
                count++;
                String part = spec.addressPart().extract(a.getLocalPart(), a.getDomain(), ctx.subaddress());
                if (part != null) {
                    values.add(part);
                }
            }
        }
        return spec.match(ctx, values, ctx.expand(args.strings(1)), count);
    }
}
