package dev.postern.sieve.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.ExtensionTest;
import dev.postern.sieve.MatchSpec;
import dev.postern.sieve.SieveMail;
import dev.postern.sieve.SieveRunContext;

/**
 * RFC 5173 section 5: body [COMPARATOR] [MATCH-TYPE] [BODY-TRANSFORM] <key-list>, with the
 * transforms :raw (section 5.1), :content <content-types> (5.2) and :text (5.3, the default).
 * The body test does not set match variables (RFC 5173 section 6).
 */
public final class BodyTest extends ExtensionTest {

    @Override
    protected String name() {
        return "body";
    }

    @Override
    protected String capability() {
        return "body";
    }

    @Override
    protected boolean test(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Set<String> flags = matchFlagTags(false);
        flags.add(":raw");
        flags.add(":text");
        Set<String> values = new java.util.HashSet<>(MatchSpec.VALUE_TAGS);
        values.add(":content");
        Args args = Args.parse(name(), arguments, ctx, flags, values);
        args.expectPositional(1, 1, "body [COMPARATOR] [MATCH-TYPE] [:raw / :content <types> / :text] <key-list>");
        int transforms = (args.has(":raw") ? 1 : 0) + (args.has(":text") ? 1 : 0) + (args.has(":content") ? 1 : 0);
        if (transforms > 1) {
            throw args.error("only one of :raw, :content and :text may be given (RFC 5173 section 5)");
        }
        MatchSpec spec = MatchSpec.parse(args, ctx);
        checkMatchCapabilities(spec, args, ctx);
        if (!(mail instanceof SieveMail m)) {
            throw new SieveException("body: the mail adapter " + mail.getClass().getName()
                + " cannot give the message octets; it must implement dev.postern.sieve.SieveMail");
        }
        MimePart message = MimePart.parse(m.rawMessage());
        List<String> texts = new ArrayList<>();
        if (args.has(":raw")) {
            String raw = message.rawBody();
            if (!raw.isEmpty()) {
                texts.add(raw);
            }
        } else if (args.has(":content")) {
            content(message, ctx.expand(args.tagStrings(":content")), texts, true);
        } else {
            text(message, texts);
        }
        return spec.match(ctx, texts, ctx.expand(args.strings(0)), texts.size(), false);
    }

    /** RFC 5173 section 5.2: parts whose type matches; multiparts give preamble and epilogue,
     *  message/rfc822 its header. The top-level message header is never searched. */
    private static void content(MimePart part, List<String> types, List<String> out, boolean top) {
        if (matches(part.type(), types)) {
            if (part.isMultipart()) {
                out.add(part.preamble());
                out.add(part.epilogue());
            } else if (part.isMessage()) {
                if (!part.children().isEmpty()) {
                    out.add(part.children().get(0).headerText());
                }
            } else {
                out.add(part.decodedBody());
            }
        }
        for (MimePart child : part.children()) {
            if (part.isMessage()) {
                // the embedded message: its own parts, not its header again
                content(child, types, out, false);
            } else {
                content(child, types, out, false);
            }
        }
    }

    /** RFC 5173 section 5.3: the text parts, decoded, HTML reduced to its text. */
    private static void text(MimePart part, List<String> out) {
        if (part.isMultipart() || part.isMessage()) {
            for (MimePart child : part.children()) {
                text(child, out);
            }
            return;
        }
        if (part.type().equals("text/html") || part.type().equals("application/xhtml+xml")) {
            out.add(HtmlText.toText(part.decodedBody()));
        } else if (part.type().startsWith("text/")) {
            out.add(part.decodedBody());
        }
    }

    /**
     * RFC 5173 section 5.2: "" matches every part, "type" any subtype of it, "type/subtype"
     * exactly; anything else ("/plain", "text/") matches nothing.
     */
    static boolean matches(String type, List<String> wanted) {
        for (String w : wanted) {
            String t = w.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                return true;
            }
            int slash = t.indexOf('/');
            if (slash < 0) {
                if (type.startsWith(t + "/")) {
                    return true;
                }
            } else if (slash > 0 && slash < t.length() - 1 && t.indexOf('/', slash + 1) < 0 && type.equals(t)) {
                return true;
            }
        }
        return false;
    }
}
