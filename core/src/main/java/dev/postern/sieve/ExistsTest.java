package dev.postern.sieve;

import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/** RFC 5228 section 5.5 "exists": true when every named header is present. */
public final class ExistsTest extends ExtensionTest {
    @Override
    protected String name() {
        return "exists";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, Set.of(), Set.of());
        args.expectPositional(1, 1, "exists <header-names>");
        for (String header : ctx.expand(args.strings(0))) {
            if (mail.getMatchingHeader(header).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
