package dev.postern.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SPF record, parsed (RFC 7208 section 4.6 and the ABNF of section 12): its directives in
 * order, and the redirect= and exp= modifiers. Any syntax error anywhere makes the whole record
 * a permerror (section 4.6), so {@link #parse} either returns a complete record or throws.
 */
public record SpfRecord(List<Directive> directives, Optional<MacroString> redirect, Optional<MacroString> explanation) {

    /** The version section (RFC 7208 section 4.5), matched case-insensitively like all ABNF literals. */
    public static final String VERSION = "v=spf1";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9\\-_.]*");
    private static final Pattern DUAL_CIDR = Pattern.compile("(?:/([0-9]+))?(?://([0-9]+))?$");
    private static final Pattern IP4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IP6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern TOPLABEL = Pattern.compile("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]");

    /** "+", "-", "~", "?" (RFC 7208 section 4.6.2), and the result each gives when its mechanism matches. */
    public enum Qualifier {
        PASS('+', SpfResult.PASS), FAIL('-', SpfResult.FAIL), SOFTFAIL('~', SpfResult.SOFTFAIL), NEUTRAL('?', SpfResult.NEUTRAL);

        private final char symbol;
        private final SpfResult result;

        Qualifier(char symbol, SpfResult result) {
            this.symbol = symbol;
            this.result = result;
        }

        public SpfResult result() {
            return result;
        }

        public char symbol() {
            return symbol;
        }

        static Optional<Qualifier> of(char c) {
            for (Qualifier q : values()) {
                if (q.symbol == c) {
                    return Optional.of(q);
                }
            }
            return Optional.empty();
        }
    }

    /** A qualifier and a mechanism; {@code text} is the term as written, for reports. */
    public record Directive(Qualifier qualifier, Mechanism mechanism, String text) {
    }

    /** The eight mechanisms of RFC 7208 section 5. */
    public sealed interface Mechanism {

        /** True for the mechanisms that count against the limit of 10 DNS-querying terms (section 4.6.4). */
        default boolean queriesDns() {
            return false;
        }
    }

    /** Section 5.1: always matches. */
    public record All() implements Mechanism {
    }

    /** Section 5.2: matches when check_host() of the target passes. */
    public record Include(MacroString domain) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }
    }

    /** Section 5.3: matches when an address of the target is in the client's network. */
    public record A(Optional<MacroString> domain, int ip4Prefix, int ip6Prefix) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }
    }

    /** Section 5.4: like {@link A}, for the addresses of the target's MX hosts. */
    public record Mx(Optional<MacroString> domain, int ip4Prefix, int ip6Prefix) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }
    }

    /** Section 5.5 (use discouraged): matches when a validated reverse name of the client is in the target. */
    public record Ptr(Optional<MacroString> domain) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }
    }

    /** Section 5.6: an IPv4 network; {@code network} holds the four bytes. */
    public record Ip4(List<Byte> network, int prefix) implements Mechanism {
    }

    /** Section 5.6: an IPv6 network; {@code network} holds the sixteen bytes. */
    public record Ip6(List<Byte> network, int prefix) implements Mechanism {
    }

    /** Section 5.7: matches when the target has an A record. */
    public record Exists(MacroString domain) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }
    }

    /** True when a TXT record is an SPF record: "v=spf1" then a space or the end (RFC 7208 section 4.5). */
    public static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, VERSION, 0, VERSION.length())
            && (txt.length() == VERSION.length() || txt.charAt(VERSION.length()) == ' ');
    }

    /** True when the record has an "all" mechanism, which makes redirect= ignored (RFC 7208 section 6.1). */
    public boolean hasAll() {
        return directives.stream().anyMatch(directive -> directive.mechanism() instanceof All);
    }

    /**
     * @throws SpfException a {@link SpfResult#PERMERROR} naming the term that is wrong
     */
    public static SpfRecord parse(String record) throws SpfException {
        if (!isSpf(record)) {
            throw SpfException.permerror("spf: not an SPF record, it must begin with \"v=spf1\": " + record);
        }
        List<Directive> directives = new ArrayList<>();
        MacroString redirect = null;
        MacroString explanation = null;
        for (String term : record.substring(VERSION.length()).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            int equals = term.indexOf('=');
            if (equals > 0 && NAME.matcher(term.substring(0, equals)).matches()) {
                // modifier = name "=" macro-string (section 4.6.1)
                String name = term.substring(0, equals).toLowerCase(Locale.ROOT);
                String value = term.substring(equals + 1);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) {
                            throw SpfException.permerror("spf: redirect= appears twice; it may appear once (RFC 7208 section 6)");
                        }
                        redirect = domainSpec(value, term);
                    }
                    case "exp" -> {
                        if (explanation != null) {
                            throw SpfException.permerror("spf: exp= appears twice; it may appear once (RFC 7208 section 6)");
                        }
                        explanation = domainSpec(value, term);
                    }
                    // Unknown modifiers are ignored (section 6), but must still be well-formed.
                    default -> MacroString.parse(value);
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(List.copyOf(directives), Optional.ofNullable(redirect), Optional.ofNullable(explanation));
    }

    private static Directive directive(String term) throws SpfException {
        Optional<Qualifier> explicit = Qualifier.of(term.charAt(0));
        Qualifier qualifier = explicit.orElse(Qualifier.PASS);
        String body = explicit.isPresent() ? term.substring(1) : term;
        int end = 0;
        while (end < body.length() && Character.isLetterOrDigit(body.charAt(end))) {
            end++;
        }
        String name = body.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = body.substring(end);
        Mechanism mechanism = switch (name) {
            case "all" -> {
                requireEmpty(rest, term);
                yield new All();
            }
            case "include" -> new Include(domainSpec(requireArgument(rest, term), term));
            case "exists" -> new Exists(domainSpec(requireArgument(rest, term), term));
            case "ptr" -> new Ptr(rest.isEmpty() ? Optional.empty() : Optional.of(domainSpec(requireArgument(rest, term), term)));
            case "a", "mx" -> {
                Matcher cidr = DUAL_CIDR.matcher(rest);
                cidr.find();
                int ip4 = prefix(cidr.group(1), 32, term);
                int ip6 = prefix(cidr.group(2), 128, term);
                String target = rest.substring(0, cidr.start());
                Optional<MacroString> domain = target.isEmpty() ? Optional.empty()
                    : Optional.of(domainSpec(requireArgument(target, term), term));
                yield name.equals("a") ? new A(domain, ip4, ip6) : new Mx(domain, ip4, ip6);
            }
            case "ip4" -> ip4(requireArgument(rest, term), term);
            case "ip6" -> ip6(requireArgument(rest, term), term);
            default -> throw SpfException.permerror("spf: unknown mechanism '" + term
                + "'; mechanisms are all include a mx ptr ip4 ip6 exists (RFC 7208 section 5)");
        };
        return new Directive(qualifier, mechanism, term);
    }

    private static void requireEmpty(String rest, String term) throws SpfException {
        if (!rest.isEmpty()) {
            throw SpfException.permerror("spf: '" + term + "' takes no argument (RFC 7208 section 5.1)");
        }
    }

    private static String requireArgument(String rest, String term) throws SpfException {
        if (!rest.startsWith(":") || rest.length() == 1) {
            throw SpfException.permerror("spf: '" + term + "' needs ':' and a value, as in include:example.com");
        }
        return rest.substring(1);
    }

    /** cidr-length: "0" or a number without leading zero, at most {@code max} (RFC 7208 section 5.6). */
    private static int prefix(String digits, int max, String term) throws SpfException {
        if (digits == null) {
            return max;
        }
        if ((digits.length() > 1 && digits.charAt(0) == '0') || digits.length() > 3 || Integer.parseInt(digits) > max) {
            throw SpfException.permerror("spf: bad prefix length /" + digits + " in '" + term + "'; use 0 to " + max);
        }
        return Integer.parseInt(digits);
    }

    /**
     * domain-spec = macro-string domain-end, where domain-end is "." toplabel ["."] or a macro
     * expansion (RFC 7208 section 7.1): "a:museum" and "a:1.2.3.4" are errors.
     */
    static MacroString domainSpec(String text, String term) throws SpfException {
        MacroString spec = MacroString.parse(text);
        if (spec.endsWithExpansion()) {
            return spec;
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !TOPLABEL.matcher(name.substring(dot + 1)).matches()) {
            throw SpfException.permerror("spf: '" + text + "' in '" + term
                + "' is not a domain name; it must end in a dot and a top label that is not all digits (RFC 7208 section 7.1)");
        }
        return spec;
    }

    private static Ip4 ip4(String value, String term) throws SpfException {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (!IP4.matcher(address).matches()) {
            throw SpfException.permerror("spf: '" + address + "' in '" + term + "' is not an IPv4 address (RFC 7208 section 5.6)");
        }
        int prefix = slash < 0 ? 32 : prefix(digitsOnly(value.substring(slash + 1), term), 32, term);
        return new Ip4(bytes(literal(address, term).getAddress()), prefix);
    }

    private static Ip6 ip6(String value, String term) throws SpfException {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (!IP6_CHARACTERS.matcher(address).matches()) {
            throw SpfException.permerror("spf: '" + address + "' in '" + term + "' is not an IPv6 address (RFC 7208 section 5.6)");
        }
        int prefix = slash < 0 ? 128 : prefix(digitsOnly(value.substring(slash + 1), term), 128, term);
        InetAddress parsed = literal(address, term);
        byte[] sixteen = parsed instanceof Inet4Address ? mapped(parsed.getAddress()) : parsed.getAddress();
        return new Ip6(bytes(sixteen), prefix);
    }

    private static String digitsOnly(String digits, String term) throws SpfException {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw SpfException.permerror("spf: bad prefix length '/" + digits + "' in '" + term + "'");
        }
        return digits;
    }

    /** Java reads "::ffff:1.2.3.4" as IPv4; this puts it back into sixteen bytes. */
    static byte[] mapped(byte[] ipv4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, out, 12, 4);
        return out;
    }

    /** Parses an address literal; the character checks before make sure no name lookup happens. */
    private static InetAddress literal(String address, String term) throws SpfException {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException | RuntimeException e) {
            throw SpfException.permerror("spf: '" + address + "' in '" + term + "' is not an IP address");
        }
    }

    private static List<Byte> bytes(byte[] array) {
        List<Byte> list = new ArrayList<>(array.length);
        for (byte b : array) {
            list.add(b);
        }
        return List.copyOf(list);
    }
}
