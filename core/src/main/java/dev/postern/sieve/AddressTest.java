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
            MailAdapter.Address[] addresses;
            try {
                addresses = mail.parseAddresses(header);
                if (addresses.length == 0 && !mail.getMatchingHeader(header).isEmpty()) {
                    throw new SieveException("no address in " + header);
                }
                for (MailAdapter.Address a : addresses) {
                    // RFC 5322 local parts are ASCII (RFC 6532 aside), as Pigeonhole holds.
                    if (!a.getLocalPart().chars().allMatch(ch -> ch < 128)) {
                        throw new SieveException("non-ASCII local part in " + header);
                    }
                }
            } catch (SieveException | RuntimeException invalid) {
                // Like Pigeonhole: a header that is no address list still matches as a whole
                // with :all; it has no local part or domain.
                for (String raw : mail.getMatchingHeader(header)) {
                    count++;
                    if (spec.addressPart() == AddressPart.ALL) {
                        values.add(raw.strip());
                    }
                }
                continue;
            }
            for (MailAdapter.Address a : addresses) {
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
