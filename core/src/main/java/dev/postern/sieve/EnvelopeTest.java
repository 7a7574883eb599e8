package dev.postern.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.mail.optional.EnvelopeAccessors;

/** RFC 5228 section 5.4 "envelope", with subaddress (RFC 5233), variables, relational and regex. */
public final class EnvelopeTest extends ExtensionTest {
    @Override
    protected String name() {
        return "envelope";
    }

    @Override
    protected String capability() {
        return "envelope";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, matchFlagTags(true), MatchSpec.VALUE_TAGS);
        args.expectPositional(2, 2,
            "envelope [COMPARATOR] [ADDRESS-PART] [MATCH-TYPE] <envelope-part> <key-list>");
        MatchSpec spec = MatchSpec.parse(args, ctx);
        checkMatchCapabilities(spec, args, ctx);
        if (!(mail instanceof EnvelopeAccessors envelope)) {
            throw new SieveException("envelope: this mail adapter has no envelope ("
                + mail.getClass().getName() + " must implement EnvelopeAccessors)");
        }
        List<String> values = new ArrayList<>();
        int count = 0;
        for (String part : ctx.expand(args.strings(0))) {
            String p = part.toLowerCase(Locale.ROOT);
            if (!p.equals("from") && !p.equals("to")) {
                throw args.error("envelope part must be \"from\" or \"to\", got \"" + part + "\"");
            }
            for (String address : envelope.getMatchingEnvelope(p)) {
                count++;
                String v = spec.addressPart().extract(stripBrackets(address), ctx.subaddress());
                if (v != null) {
                    values.add(v);
                }
            }
        }
        return spec.match(ctx, values, ctx.expand(args.strings(1)), count);
    }

    private static String stripBrackets(String a) {
        String s = a.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
