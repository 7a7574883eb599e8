package dev.postern.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.exception.SyntaxException;

/**
 * How a test compares values with keys: match type, relation, comparator and address part, as
 * given by the tagged arguments of address, header, envelope, string and hasflag.
 */
public record MatchSpec(MatchType type, Relation relation, Comparator comparator, AddressPart addressPart) {

    /** Tags that take a value in a comparing test. */
    public static final Set<String> VALUE_TAGS = Set.of(":comparator", ":count", ":value");
    /** Match-type tags that stand alone. */
    public static final Set<String> MATCH_TAGS = Set.of(":is", ":contains", ":matches", ":regex");
    /** Address-part tags that stand alone (RFC 5228 2.7.4, RFC 5233). */
    public static final Set<String> ADDRESS_TAGS = Set.of(":all", ":localpart", ":domain", ":user", ":detail");

    public static MatchSpec parse(Args args, SieveRunContext ctx) throws SyntaxException {
        return parse(args, ctx, Comparator.ASCII_CASEMAP);
    }

    /** @param defaultComparator the comparator without ":comparator" (RFC 5228 2.7.3: i;ascii-casemap) */
    public static MatchSpec parse(Args args, SieveRunContext ctx, Comparator defaultComparator)
            throws SyntaxException {
        MatchType type = null;
        Relation relation = null;
        AddressPart part = null;
        for (String tag : args.tagsInOrder()) {
            MatchType t = switch (tag) {
                case ":is" -> MatchType.IS;
                case ":contains" -> MatchType.CONTAINS;
                case ":matches" -> MatchType.MATCHES;
                case ":regex" -> MatchType.REGEX;
                case ":count" -> MatchType.COUNT;
                case ":value" -> MatchType.VALUE;
                default -> null;
            };
            if (t != null) {
                if (type != null) {
                    throw args.error("only one match type allowed, got :" + type.name().toLowerCase()
                        + " and " + tag);
                }
                type = t;
                if (t == MatchType.COUNT || t == MatchType.VALUE) {
                    String op = args.tagString(tag);
                    relation = Relation.parse(op);
                    if (relation == null) {
                        throw args.error(tag + " needs a relation \"gt\", \"ge\", \"lt\", \"le\", \"eq\" or \"ne\", got \""
                            + op + "\" (RFC 5231 section 5)");
                    }
                }
                continue;
            }
            AddressPart p = switch (tag) {
                case ":all" -> AddressPart.ALL;
                case ":localpart" -> AddressPart.LOCALPART;
                case ":domain" -> AddressPart.DOMAIN;
                case ":user" -> AddressPart.USER;
                case ":detail" -> AddressPart.DETAIL;
                default -> null;
            };
            if (p != null) {
                if (part != null) {
                    throw args.error("only one address part allowed, got two (" + tag + ")");
                }
                part = p;
            }
        }
        Comparator comparator = defaultComparator;
        String name = args.tagString(":comparator");
        if (name != null) {
            comparator = Comparator.byName(name);
            if (comparator == null) {
                throw args.error("unknown comparator \"" + name
                    + "\"; supported: i;octet, i;ascii-casemap, i;ascii-numeric");
            }
            if (comparator == Comparator.ASCII_NUMERIC && !ctx.isRequired("comparator-i;ascii-numeric")) {
                throw args.error("comparator i;ascii-numeric needs require \"comparator-i;ascii-numeric\"");
            }
        }
        return new MatchSpec(type == null ? MatchType.IS : type, relation, comparator,
            part == null ? AddressPart.ALL : part);
    }

    /** Matches with the values themselves counted for :count. */
    public boolean match(SieveRunContext ctx, List<String> values, List<String> keys) throws SieveException {
        return match(ctx, values, keys, values.size());
    }

    /**
     * True when any value matches any key. A successful :matches or :regex replaces the match
     * variables (RFC 5229 section 3.2); a failed one leaves them alone.
     */
    public boolean match(SieveRunContext ctx, List<String> values, List<String> keys, int count)
            throws SieveException {
        return match(ctx, values, keys, count, true);
    }

    /** @param setsMatchVariables false for tests that must leave ${N} alone (RFC 5173 body) */
    public boolean match(SieveRunContext ctx, List<String> values, List<String> keys, int count,
                         boolean setsMatchVariables) throws SieveException {
        switch (type) {
            case COUNT -> {
                String n = Integer.toString(count);
                for (String key : keys) {
                    if (relation.holds(comparator.compare(n, key))) {
                        return true;
                    }
                }
                return false;
            }
            case VALUE -> {
                for (String v : values) {
                    for (String key : keys) {
                        if (relation.holds(comparator.compare(v, key))) {
                            return true;
                        }
                    }
                }
                return false;
            }
            case IS -> {
                for (String v : values) {
                    for (String key : keys) {
                        if (comparator.isEqual(v, key)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            case CONTAINS -> {
                for (String v : values) {
                    for (String key : keys) {
                        if (comparator.contains(v, key)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            case MATCHES, REGEX -> {
                int flags = comparator.patternFlags();
                List<Pattern> patterns = new ArrayList<>(keys.size());
                for (String key : keys) {
                    patterns.add(type == MatchType.MATCHES ? Glob.compile(key, flags) : compileRegex(key, flags));
                }
                for (String v : values) {
                    for (int k = 0; k < patterns.size(); k++) {
                        Pattern p = patterns.get(k);
                        Matcher m = p.matcher(new BoundedText(v));
                        boolean ok;
                        try {
                            ok = type == MatchType.MATCHES ? m.matches() : m.find();
                        } catch (BoundedText.BudgetExceeded e) {
                            throw new MatchException("pattern \"" + keys.get(k) + "\" is too costly on a value of "
                                + v.length() + " characters; simplify it (fewer nested or adjacent wildcards)");
                        }
                        if (ok) {
                            if (setsMatchVariables && ctx.isRequired("variables")) {
                                List<String> groups = new ArrayList<>();
                                for (int g = 0; g <= m.groupCount() && g < SieveRunContext.MATCH_VARIABLES_MAX; g++) {
                                    groups.add(m.group(g) == null ? "" : m.group(g));
                                }
                                ctx.setMatchValues(groups);
                            }
                            return true;
                        }
                    }
                }
                return false;
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** draft-ietf-sieve-regex-01 section 3: POSIX ERE; bracket classes become java.util.regex ones. */
    static Pattern compileRegex(String regex, int flags) throws MatchException {
        String java = regex
            .replace("[:alpha:]", "\\p{Alpha}").replace("[:digit:]", "\\p{Digit}")
            .replace("[:alnum:]", "\\p{Alnum}").replace("[:upper:]", "\\p{Upper}")
            .replace("[:lower:]", "\\p{Lower}").replace("[:space:]", "\\s")
            .replace("[:punct:]", "\\p{Punct}").replace("[:xdigit:]", "\\p{XDigit}")
            .replace("[:blank:]", "\\p{Blank}").replace("[:cntrl:]", "\\p{Cntrl}")
            .replace("[:print:]", "\\p{Print}").replace("[:graph:]", "\\p{Graph}");
        try {
            return Pattern.compile(java, flags);
        } catch (PatternSyntaxException e) {
            throw new MatchException("invalid regular expression \"" + regex + "\": " + e.getDescription());
        }
    }
}
