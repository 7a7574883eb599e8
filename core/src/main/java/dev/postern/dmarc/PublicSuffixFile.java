package dev.postern.dmarc;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A Public Suffix List read from a file in the publicsuffix.org format: one rule per line,
 * "//" comments, "*." wildcards and "!" exceptions. The algorithm is the one at
 * https://publicsuffix.org/list/ ("Formal Algorithm"): an exception rule wins, else the rule
 * with most labels, else the default rule "*".
 */
public final class PublicSuffixFile implements PublicSuffixList {

    private final Set<String> rules;
    private final Set<String> exceptions;

    private PublicSuffixFile(Set<String> rules, Set<String> exceptions) {
        this.rules = Set.copyOf(rules);
        this.exceptions = Set.copyOf(exceptions);
    }

    public static PublicSuffixFile load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException naming the line of a rule that is not a domain name
     */
    public static PublicSuffixFile parse(String text) {
        Set<String> rules = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("//")) {
                continue;
            }
            // "Each line is only read up to the first whitespace."
            String rule = trimmed.split("\\s", 2)[0];
            boolean exception = rule.startsWith("!");
            String body = exception ? rule.substring(1) : rule;
            String ascii = body.startsWith("*.") ? toAscii(body.substring(2)) : body.equals("*") ? "" : toAscii(body);
            if (ascii == null) {
                throw new IllegalArgumentException("public suffix list line " + lineNumber + ": '" + rule
                    + "' is not a rule; write a domain, *.domain or !domain");
            }
            String normal = body.startsWith("*") ? (ascii.isEmpty() ? "*" : "*." + ascii) : ascii;
            (exception ? exceptions : rules).add(normal);
        }
        return new PublicSuffixFile(rules, exceptions);
    }

    @Override
    public Optional<String> registrableDomain(String domain) {
        String ascii = toAscii(domain);
        if (ascii == null) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.");
        int suffixStart = labels.length - 1; // the default rule "*"
        for (int i = 0; i < labels.length; i++) {
            String candidate = join(labels, i);
            if (exceptions.contains(candidate)) {
                suffixStart = i + 1;
                break;
            }
            String wildcard = i + 1 < labels.length ? "*." + join(labels, i + 1) : "*";
            if (rules.contains(candidate) || rules.contains(wildcard)) {
                suffixStart = i;
                break;
            }
        }
        if (suffixStart == 0) {
            return Optional.empty();
        }
        return Optional.of(join(labels, suffixStart - 1));
    }

    /** The publicsuffix.org default rule "*" alone: the last two labels. */
    static Optional<String> defaultRule(String ascii) {
        int last = ascii.lastIndexOf('.');
        if (last < 0) {
            return Optional.empty();
        }
        int previous = ascii.lastIndexOf('.', last - 1);
        return Optional.of(ascii.substring(previous + 1));
    }

    private static String join(String[] labels, int from) {
        return String.join(".", java.util.Arrays.copyOfRange(labels, from, labels.length));
    }

    /**
     * Lowercase A-label form without trailing dot, or null when not a domain name (empty label,
     * leading dot, a label over 63 octets).
     */
    static String toAscii(String domain) {
        if (domain == null) {
            return null;
        }
        String name = domain.trim();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.startsWith(".") || name.contains("..")) {
            return null;
        }
        try {
            String ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            for (String label : ascii.split("\\.")) {
                if (label.isEmpty() || label.length() > 63) {
                    return null;
                }
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
