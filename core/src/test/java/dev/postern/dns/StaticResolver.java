package dev.postern.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * In-memory DNS for unit tests: records by name (case and a trailing dot ignored), names whose
 * lookups fail as if the server timed out, and an answer for every other name (NXDOMAIN unless
 * {@link #otherwise} says otherwise). Tests that need real DNS traffic use {@link LoopbackDnsServer}.
 */
public final class StaticResolver implements Resolver {

    private final Map<String, List<String>> txt = new HashMap<>();
    private final Map<String, List<InetAddress>> addresses = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private Lookup.Status otherwise = Lookup.Status.NXDOMAIN;
    /** Every name asked, in order, as asked. */
    public final List<String> asked = new ArrayList<>();

    public StaticResolver txt(String name, String... values) {
        txt.put(normalize(name), List.of(values));
        return this;
    }

    /** An A or AAAA record, by the form of {@code address}. */
    public StaticResolver address(String name, String address) {
        try {
            addresses.computeIfAbsent(normalize(name), key -> new ArrayList<>()).add(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
        return this;
    }

    /** Every lookup of {@code name} is a temporary failure. */
    public StaticResolver failing(String name) {
        failing.add(normalize(name));
        return this;
    }

    /** How lookups of names without records end (default NXDOMAIN). */
    public StaticResolver otherwise(Lookup.Status status) {
        otherwise = status;
        return this;
    }

    /** Reads lines "name TXT-value" ('#' comments), the format of the DKIM conformance samples' first lines. */
    public static StaticResolver fromTxtLines(List<String> lines) {
        StaticResolver resolver = new StaticResolver();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            resolver.txt(trimmed.substring(0, space), trimmed.substring(space + 1).strip());
        }
        return resolver;
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private <T> Lookup<T> answer(String name, Map<String, List<T>> zone) {
        asked.add(name);
        String key = normalize(name);
        if (failing.contains(key)) {
            return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
        }
        List<T> records = zone.get(key);
        return records == null ? Lookup.of(otherwise) : Lookup.found(records);
    }

    private Lookup<InetAddress> addresses(String name, Class<? extends InetAddress> family) {
        Lookup<InetAddress> all = answer(name, addresses);
        return all.isFound() ? Lookup.found(all.records().stream().filter(family::isInstance).toList()) : all;
    }

    @Override
    public Lookup<String> txt(String name) {
        return answer(name, txt);
    }

    @Override
    public Lookup<InetAddress> addresses(String name) {
        return answer(name, addresses);
    }

    @Override
    public Lookup<InetAddress> a(String name) {
        return addresses(name, java.net.Inet4Address.class);
    }

    @Override
    public Lookup<InetAddress> aaaa(String name) {
        return addresses(name, java.net.Inet6Address.class);
    }

    @Override
    public Lookup<MxRecord> mx(String name) {
        return answer(name, Map.of());
    }

    @Override
    public Lookup<String> ptr(InetAddress address) {
        return answer(address.getHostAddress(), Map.of());
    }
}
