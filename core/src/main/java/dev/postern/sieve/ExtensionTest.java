package dev.postern.sieve;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.tests.ExecutableTest;

/** Base of our tests: checks the capability and hands a {@link SieveRunContext} to {@link #test}. */
public abstract class ExtensionTest implements ExecutableTest {

    protected abstract String name();

    /** The capability that must be required to use this test, or null. */
    protected String capability() {
        return null;
    }

    protected abstract boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx)
            throws SieveException;

    @Override
    public final boolean execute(MailAdapter mail, Arguments arguments, SieveContext context)
            throws SieveException {
        SieveRunContext ctx = SieveRunContext.of(context);
        String cap = capability();
        if (cap != null && !ctx.isRequired(cap)) {
            throw new org.apache.jsieve.exception.SyntaxException(
                name() + ": needs require \"" + cap + "\" at the top of the script");
        }
        return test(mail, arguments, ctx);
    }

    /** The tags every comparing test accepts (match types, relational, comparator). */
    protected static java.util.Set<String> matchFlagTags(boolean addressParts) {
        java.util.Set<String> s = new java.util.HashSet<>(MatchSpec.MATCH_TAGS);
        if (addressParts) {
            s.addAll(MatchSpec.ADDRESS_TAGS);
        }
        return s;
    }

    /** Capabilities a parsed match spec needs (RFC 5231, regex draft, RFC 5233). */
    protected static void checkMatchCapabilities(MatchSpec spec, Args args, SieveRunContext ctx)
            throws SieveException {
        if ((spec.type() == MatchType.COUNT || spec.type() == MatchType.VALUE) && !ctx.isRequired("relational")) {
            throw args.error(":count and :value need require \"relational\"");
        }
        if (spec.type() == MatchType.REGEX && !ctx.isRequired("regex")) {
            throw args.error(":regex needs require \"regex\"");
        }
        if ((spec.addressPart() == AddressPart.USER || spec.addressPart() == AddressPart.DETAIL)
            && !ctx.isRequired("subaddress")) {
            throw args.error(":user and :detail need require \"subaddress\"");
        }
    }
}
