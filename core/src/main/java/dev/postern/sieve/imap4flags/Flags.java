package dev.postern.sieve.imap4flags;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.jsieve.exception.SieveException;

import dev.postern.sieve.Args;
import dev.postern.sieve.SieveRunContext;

/** RFC 5232 section 3: flag lists, split on spaces, without duplicates (case-insensitive). */
public final class Flags {
    private Flags() {
    }

    /** Every flag in the strings, each string split on spaces, duplicates dropped. */
    public static List<String> parse(List<String> strings) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String s : strings) {
            for (String f : s.split("[ \\t\\r\\n]+")) {
                if (!f.isEmpty() && seen.add(f.toLowerCase(Locale.ROOT))) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    public static String join(List<String> flags) {
        return String.join(" ", flags);
    }

    /** The current flags of a named variable, or of the internal variable when name is null. */
    public static List<String> get(SieveRunContext ctx, String variable) {
        if (variable == null) {
            return new ArrayList<>(ctx.internalFlags());
        }
        return parse(List.of(ctx.variable(variable)));
    }

    public static void put(SieveRunContext ctx, String variable, List<String> flags) throws SieveException {
        List<String> clean = parse(flags);
        if (variable == null) {
            ctx.internalFlags().clear();
            ctx.internalFlags().addAll(clean);
        } else {
            ctx.setVariable(variable, join(clean));
        }
    }

    /** RFC 5232 section 5: ":flags" when given, else the internal variable (when required). */
    public static List<String> forAction(Args args, SieveRunContext ctx) throws SieveException {
        List<String> given = args.tagStrings(":flags");
        if (given != null) {
            if (!ctx.isRequired("imap4flags")) {
                throw args.error(":flags needs require \"imap4flags\"");
            }
            return parse(ctx.expand(given));
        }
        return ctx.isRequired("imap4flags") ? get(ctx, null) : List.of();
    }
}
