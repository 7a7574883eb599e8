package dev.postern.sieve;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.jsieve.TagArgument;
import org.apache.jsieve.parser.generated.ASTargument;
import org.apache.jsieve.parser.generated.ASTcommand;
import org.apache.jsieve.parser.generated.ASTstring;
import org.apache.jsieve.parser.generated.ASTtest;
import org.apache.jsieve.parser.generated.Node;
import org.apache.jsieve.parser.generated.ParseException;
import org.apache.jsieve.parser.generated.SimpleNode;

/**
 * Parse-time checks, replacing jSieve's SieveValidationVisitor (which forgets the declared
 * comparators on entering a block). Reports, with line and column: unknown commands and tests,
 * require after other commands (RFC 5228 section 3.2), unknown capabilities, and extensions used
 * without their require (RFC 5228 section 2.10.5), so that ManageSieve rejects such a script on
 * upload instead of it failing at delivery.
 */
final class ScriptValidator {

    /** Which capability each extension command or test needs. */
    private static final Map<String, String> NEEDS = Map.ofEntries(
        Map.entry("fileinto", "fileinto"), Map.entry("reject", "reject"), Map.entry("envelope", "envelope"),
        Map.entry("body", "body"), Map.entry("vacation", "vacation"),
        Map.entry("set", "variables"), Map.entry("string", "variables"),
        Map.entry("setflag", "imap4flags"), Map.entry("addflag", "imap4flags"),
        Map.entry("removeflag", "imap4flags"), Map.entry("hasflag", "imap4flags"),
        Map.entry("mailboxexists", "mailbox"), Map.entry("notify", "enotify"),
        Map.entry("valid_notify_method", "enotify"), Map.entry("notify_method_capability", "enotify"));

    /** Which capability each extension tag needs. */
    private static final Map<String, String> TAG_NEEDS = Map.ofEntries(
        Map.entry(":copy", "copy"), Map.entry(":create", "mailbox"), Map.entry(":flags", "imap4flags"),
        Map.entry(":regex", "regex"), Map.entry(":quoteregex", "regex"),
        Map.entry(":count", "relational"), Map.entry(":value", "relational"),
        Map.entry(":user", "subaddress"), Map.entry(":detail", "subaddress"),
        Map.entry(":encodeurl", "enotify"),
        Map.entry(":raw", "body"), Map.entry(":content", "body"), Map.entry(":text", "body"),
        Map.entry(":lower", "variables"), Map.entry(":upper", "variables"),
        Map.entry(":lowerfirst", "variables"), Map.entry(":upperfirst", "variables"),
        Map.entry(":quotewildcard", "variables"), Map.entry(":length", "variables"));

    private final Set<String> commands;
    private final Set<String> tests;
    private final Set<String> supported;
    private final Set<String> required = new HashSet<>();
    private boolean requireAllowed = true;

    ScriptValidator(Set<String> commands, Set<String> tests, Set<String> supported) {
        this.commands = commands;
        this.tests = tests;
        this.supported = supported;
    }

    void validate(Node root) throws ParseException {
        walk(root, 0);
    }

    private void walk(Node node, int depth) throws ParseException {
        if (node instanceof ASTcommand cmd) {
            String name = cmd.getName().toLowerCase(Locale.ROOT);
            if (!commands.contains(name)) {
                throw error(cmd, "unknown command \"" + cmd.getName() + "\"");
            }
            if (name.equals("require")) {
                if (!requireAllowed || depth > 0) {
                    throw error(cmd, "require must come before any other command");
                }
                collectRequire(cmd);
                return;
            }
            requireAllowed = false;
            needs(cmd, name);
        } else if (node instanceof ASTtest test) {
            String name = test.getName().toLowerCase(Locale.ROOT);
            if (!tests.contains(name)) {
                throw error(test, "unknown test \"" + test.getName() + "\"");
            }
            needs(test, name);
        } else if (node instanceof ASTargument arg && arg.getValue() instanceof TagArgument tag) {
            String t = tag.getTag().toLowerCase(Locale.ROOT);
            String cap = TAG_NEEDS.get(t);
            if (cap != null && !required.contains(cap)) {
                throw error(arg, t + " needs require \"" + cap + "\"");
            }
            if (t.equals(":comparator")) {
                checkComparator(arg);
            }
        }
        int blockDepth = node instanceof org.apache.jsieve.parser.generated.ASTblock ? depth + 1 : depth;
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            walk(node.jjtGetChild(i), blockDepth);
        }
    }

    private void needs(SimpleNode node, String name) throws ParseException {
        String cap = NEEDS.get(name);
        if (cap != null && !required.contains(cap)) {
            throw error(node, "\"" + name + "\" needs require \"" + cap + "\" at the top of the script");
        }
    }

    /** The string after ":comparator" names a comparator that must be required unless built in. */
    private void checkComparator(ASTargument tagArg) throws ParseException {
        Node parent = tagArg.jjtGetParent();
        for (int i = 0; i + 1 < parent.jjtGetNumChildren(); i++) {
            if (parent.jjtGetChild(i) == tagArg) {
                for (String name : strings(parent.jjtGetChild(i + 1))) {
                    String n = name.toLowerCase(Locale.ROOT);
                    if (!n.equals("i;octet") && !n.equals("i;ascii-casemap") && !required.contains("comparator-" + n)) {
                        throw error(tagArg, "comparator \"" + name + "\" needs require \"comparator-" + name + "\"");
                    }
                }
            }
        }
    }

    private void collectRequire(ASTcommand cmd) throws ParseException {
        for (String cap : strings(cmd)) {
            String c = cap.toLowerCase(Locale.ROOT);
            if (!supported.contains(c)) {
                throw error(cmd, "capability \"" + cap + "\" is not supported; supported: "
                    + new java.util.TreeSet<>(supported));
            }
            required.add(c);
        }
    }

    private static java.util.List<String> strings(Node node) {
        java.util.List<String> out = new java.util.ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(Node node, java.util.List<String> out) {
        if (node instanceof ASTstring s && s.getValue() instanceof String v) {
            out.add(v);
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            collect(node.jjtGetChild(i), out);
        }
    }

    private static ParseException error(SimpleNode node, String message) {
        String where;
        try {
            where = node.getCoordinate().addStartLineAndColumn(message);
        } catch (RuntimeException e) {
            where = message;
        }
        return new ParseException("sieve: " + where);
    }
}
