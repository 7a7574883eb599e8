package dev.postern.sieve.variables;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

import dev.postern.sieve.Args;
import dev.postern.sieve.ExtensionCommand;
import dev.postern.sieve.SieveRunContext;

/** RFC 5229 section 4: set [MODIFIER] <name: string> <value: string>. */
public final class SetCommand extends ExtensionCommand {

    /** RFC 5229 section 4.1 precedence, highest applied first; equal precedence twice is an error. */
    private static final Map<String, Integer> PRECEDENCE = new HashMap<>();

    static {
        PRECEDENCE.put(":lower", 40);
        PRECEDENCE.put(":upper", 40);
        PRECEDENCE.put(":lowerfirst", 30);
        PRECEDENCE.put(":upperfirst", 30);
        PRECEDENCE.put(":quotewildcard", 20);
        PRECEDENCE.put(":quoteregex", 15); // draft-ietf-sieve-regex-01 section 5
        PRECEDENCE.put(":encodeurl", 15);  // RFC 5435 section 7
        PRECEDENCE.put(":length", 10);
    }

    @Override
    protected String name() {
        return "set";
    }

    @Override
    protected String capability() {
        return "variables";
    }

    @Override
    protected void run(MailAdapter mail, Arguments arguments, SieveRunContext ctx) throws SieveException {
        Args args = Args.parse(name(), arguments, ctx, PRECEDENCE.keySet(), Set.of());
        args.expectPositional(2, 2, "set [MODIFIER] <name> <value>");
        String name = args.string(0);
        if (!Variables.isIdentifier(name)) {
            throw args.error("\"" + name + "\" is not a variable name: use letters, digits and \"_\","
                + " not starting with a digit (RFC 5229 section 3)");
        }
        if (args.has(":quoteregex") && !ctx.isRequired("regex")) {
            throw args.error(":quoteregex needs require \"regex\"");
        }
        if (args.has(":encodeurl") && !ctx.isRequired("enotify")) {
            throw args.error(":encodeurl needs require \"enotify\"");
        }
        java.util.List<String> modifiers = new java.util.ArrayList<>(args.tagsInOrder());
        modifiers.sort((a, b) -> PRECEDENCE.get(b) - PRECEDENCE.get(a));
        for (int i = 1; i < modifiers.size(); i++) {
            if (PRECEDENCE.get(modifiers.get(i)).equals(PRECEDENCE.get(modifiers.get(i - 1)))) {
                throw args.error("modifiers " + modifiers.get(i - 1) + " and " + modifiers.get(i)
                    + " have the same precedence; use only one (RFC 5229 section 4.1)");
            }
        }
        String value = ctx.expand(args.string(1));
        for (String m : modifiers) {
            value = apply(m, value);
        }
        if (value.length() > Variables.VALUE_LENGTH_MAX) {
            value = value.substring(0, Variables.VALUE_LENGTH_MAX);
        }
        ctx.setVariable(name, value);
    }

    static String apply(String modifier, String v) {
        return switch (modifier) {
            case ":lower" -> asciiCase(v, false, v.length());
            case ":upper" -> asciiCase(v, true, v.length());
            case ":lowerfirst" -> asciiCase(v, false, 1);
            case ":upperfirst" -> asciiCase(v, true, 1);
            case ":quotewildcard" -> Variables.quoteWildcard(v);
            case ":quoteregex" -> Variables.quoteRegex(v);
            case ":encodeurl" -> Variables.encodeUrl(v);
            case ":length" -> Integer.toString(v.codePointCount(0, v.length()));
            default -> throw new IllegalArgumentException(modifier);
        };
    }

    /**
     * Case change of US-ASCII letters only, in the first {@code count} characters: Pigeonhole
     * leaves other letters alone ("éa" :upper is "éA"), and scripts written for it expect that.
     */
    private static String asciiCase(String v, boolean upper, int count) {
        StringBuilder b = new StringBuilder(v);
        for (int i = 0; i < Math.min(count, b.length()); i++) {
            char c = b.charAt(i);
            if (upper && c >= 'a' && c <= 'z') {
                b.setCharAt(i, (char) (c - 32));
            } else if (!upper && c >= 'A' && c <= 'Z') {
                b.setCharAt(i, (char) (c + 32));
            }
        }
        return b.toString();
    }
}
