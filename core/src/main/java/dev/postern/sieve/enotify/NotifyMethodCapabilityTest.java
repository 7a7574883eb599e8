package dev.postern.sieve.enotify;

import java.util.List;
import java.util.Locale;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.ExtensionTest;
import dev.postern.sieve.MatchSpec;
import dev.postern.sieve.SieveRunContext;

/**
 * RFC 5435 section 6: notify_method_capability [COMPARATOR] [MATCH-TYPE] <notification-uri>
 * <notification-capability> <key-list>. For mailto the only capability is "online", whose value
 * is "maybe" (RFC 5436 section 2.5): we cannot know whether the recipient reads mail now.
 */
public final class NotifyMethodCapabilityTest extends ExtensionTest {
    @Override
    protected String name() {
        return "notify_method_capability";
    }

    @Override
    protected String capability() {
        return "enotify";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, matchFlagTags(false), MatchSpec.VALUE_TAGS);
        args.expectPositional(3, 3,
            "notify_method_capability [COMPARATOR] [MATCH-TYPE] <uri> <capability> <key-list>");
        MatchSpec spec = MatchSpec.parse(args, ctx);
        checkMatchCapabilities(spec, args, ctx);
        String uri = ctx.expand(args.string(0));
        String capability = ctx.expand(args.string(1)).toLowerCase(Locale.ROOT);
        try {
            MailtoUri.parse(uri);
        } catch (MailtoUri.InvalidMailtoException e) {
            return false;
        }
        if (!capability.equals("online")) {
            return false;
        }
        return spec.match(ctx, List.of("maybe"), ctx.expand(args.strings(2)));
    }
}
