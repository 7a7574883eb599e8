package dev.postern.sieve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.jsieve.Argument;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.NumberArgument;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.StringListArgument;
import org.apache.jsieve.TagArgument;
import org.apache.jsieve.exception.SyntaxException;

/**
 * The arguments of one command or test split into tagged arguments (RFC 5228 section 2.6.2) and
 * positional ones. Tags are case-insensitive and kept lower-case with their colon (":lower").
 */
public final class Args {

    private final Map<String, Object> tags = new HashMap<>();
    private final List<String> tagOrder = new ArrayList<>();
    private final List<Argument> positional = new ArrayList<>();
    private final String owner;
    private final SieveContext context;

    private Args(String owner, SieveContext context) {
        this.owner = owner;
        this.context = context;
    }

    /**
     * @param flagTags  tags that stand alone (":copy", ":lower")
     * @param valueTags tags followed by one argument (":comparator", ":message", ":flags")
     */
    public static Args parse(String owner, Arguments arguments, SieveContext context,
                             Set<String> flagTags, Set<String> valueTags) throws SyntaxException {
        Args args = new Args(owner, context);
        List<Argument> list = arguments.getArgumentList();
        for (int i = 0; i < list.size(); i++) {
            Argument a = list.get(i);
            if (a instanceof TagArgument tag) {
                String name = tag.getTag().toLowerCase(Locale.ROOT);
                if (!args.positional.isEmpty()) {
                    throw args.error("tag " + name + " must come before the positional arguments");
                }
                if (args.tags.containsKey(name)) {
                    throw args.error("tag " + name + " given twice");
                }
                if (flagTags.contains(name)) {
                    args.tags.put(name, Boolean.TRUE);
                } else if (valueTags.contains(name)) {
                    if (i + 1 >= list.size() || list.get(i + 1) instanceof TagArgument) {
                        throw args.error("tag " + name + " needs a value after it");
                    }
                    args.tags.put(name, list.get(++i));
                } else {
                    List<String> allowed = new ArrayList<>(flagTags);
                    allowed.addAll(valueTags);
                    java.util.Collections.sort(allowed);
                    throw args.error("unknown tag " + name + "; allowed here: " + allowed);
                }
                args.tagOrder.add(name);
            } else {
                args.positional.add(a);
            }
        }
        if (arguments.hasTests()) {
            throw args.error("takes no tests");
        }
        return args;
    }

    public SyntaxException error(String message) {
        String where = context.getCoordinate() == null ? message
            : context.getCoordinate().addStartLineAndColumn(message);
        return new SyntaxException(owner + ": " + where);
    }

    public boolean has(String tag) {
        return tags.containsKey(tag);
    }

    /** Tags given, in script order. */
    public List<String> tagsInOrder() {
        return tagOrder;
    }

    public String tagString(String tag) throws SyntaxException {
        Object v = tags.get(tag);
        if (v == null) {
            return null;
        }
        List<String> l = asStrings(v, tag);
        if (l.size() != 1) {
            throw error(tag + " takes one string, got " + l.size());
        }
        return l.get(0);
    }

    public List<String> tagStrings(String tag) throws SyntaxException {
        Object v = tags.get(tag);
        return v == null ? null : asStrings(v, tag);
    }

    public int positionalCount() {
        return positional.size();
    }

    public void expectPositional(int min, int max, String usage) throws SyntaxException {
        if (positional.size() < min || positional.size() > max) {
            throw error("expected " + usage + ", got " + positional.size() + " positional argument(s)");
        }
    }

    public List<String> strings(int index) throws SyntaxException {
        return asStrings(positional.get(index), "argument " + (index + 1));
    }

    public String string(int index) throws SyntaxException {
        List<String> l = strings(index);
        if (l.size() != 1) {
            throw error("argument " + (index + 1) + " must be a single string, got a list of " + l.size());
        }
        return l.get(0);
    }

    public Integer number(int index) throws SyntaxException {
        if (positional.get(index) instanceof NumberArgument n) {
            return n.getInteger();
        }
        throw error("argument " + (index + 1) + " must be a number");
    }

    private List<String> asStrings(Object v, String what) throws SyntaxException {
        if (v instanceof StringListArgument s) {
            return s.getList();
        }
        throw error(what + " must be a string or string list, got " + v);
    }
}
