package dev.postern.score.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Senders and sender domains allowed or blocked. An address entry matches that address; a
 * domain entry matches the domain and its subdomains.
 */
public record SenderLists(Set<String> allowed, Set<String> blocked) {

    public static final SenderLists EMPTY = new SenderLists(Set.of(), Set.of());

    public SenderLists {
        allowed = lowerCase(allowed);
        blocked = lowerCase(blocked);
    }

    private static Set<String> lowerCase(Set<String> entries) {
        Set<String> lower = new HashSet<>();
        entries.forEach(entry -> lower.add(entry.trim().toLowerCase(Locale.ROOT)));
        return Set.copyOf(lower);
    }

    public SenderLists plus(SenderLists other) {
        Set<String> allow = new HashSet<>(allowed);
        allow.addAll(other.allowed);
        Set<String> block = new HashSet<>(blocked);
        block.addAll(other.blocked);
        return new SenderLists(allow, block);
    }

    public boolean allows(String address) {
        return matches(allowed, address);
    }

    public boolean blocks(String address) {
        return matches(blocked, address);
    }

    /** The entry that matches {@code address}, if any. */
    static boolean matches(Set<String> entries, String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return false;
        }
        if (entries.contains(lower)) {
            return true;
        }
        int at = lower.lastIndexOf('@');
        String domain = lower.substring(at + 1);
        while (!domain.isEmpty()) {
            if (entries.contains(domain)) {
                return true;
            }
            int dot = domain.indexOf('.');
            domain = dot < 0 ? "" : domain.substring(dot + 1);
        }
        return false;
    }
}
