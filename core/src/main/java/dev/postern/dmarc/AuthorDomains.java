package dev.postern.dmarc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Extracts the Author Domains of RFC 7489 section 6.6.1: the domains of the addresses in the
 * RFC5322.From field, read as an RFC 5322 section 3.4 address-list (display names, comments,
 * quoted local-parts, groups).
 *
 * <p>Section 6.6.1 on several domains: "apply the DMARC check using each of those domains ...
 * and apply the most strict policy selected among the checks that fail." A field without any
 * usable address gives an empty list; section 6.6.1 lets the receiver reject such a message.
 */
public final class AuthorDomains {

    private AuthorDomains() {
    }

    /** The distinct domains, lowercase, in the order they appear. */
    public static List<String> of(String fromFieldValue) {
        Set<String> domains = new LinkedHashSet<>();
        for (String mailbox : mailboxes(withoutComments(fromFieldValue))) {
            String address = mailbox;
            int open = lastOutsideQuotes(mailbox, '<');
            if (open >= 0) {
                int close = mailbox.indexOf('>', open);
                address = mailbox.substring(open + 1, close < 0 ? mailbox.length() : close);
            }
            int at = lastOutsideQuotes(address, '@');
            if (at < 0) {
                continue;
            }
            String domain = address.substring(at + 1).strip();
            if (!domain.isEmpty() && !domain.startsWith("[") && domain.chars().noneMatch(c -> c <= ' ' || c == '"')) {
                domains.add(Alignment.normal(domain));
            }
        }
        return List.copyOf(domains);
    }

    /** Splits at commas, and at the ":" and ";" of groups, outside quoted strings and angle brackets. */
    private static List<String> mailboxes(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (!quoted && !angle && (c == ',' || c == ';')) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            } else if (!quoted && !angle && c == ':') {
                current.setLength(0); // a group's display name
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts.stream().map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    /** Removes comments (RFC 5322 section 3.2.2), nested ones included, outside quoted strings. */
    private static String withoutComments(String text) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                if (depth == 0) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c == '\r' || c == '\n' ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static int lastOutsideQuotes(String text, char wanted) {
        int found = -1;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == wanted) {
                found = i;
            }
        }
        return found;
    }
}
