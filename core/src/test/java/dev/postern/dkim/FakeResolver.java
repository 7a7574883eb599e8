package dev.postern.dkim;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.postern.dns.Resolver;

/** In-memory DNS: TXT records by name, and names whose lookup fails as if the server timed out. */
final class FakeResolver implements Resolver {

    private final Map<String, List<String>> txt = new HashMap<>();
    private final Set<String> failing = new HashSet<>();

    FakeResolver txt(String name, String... values) {
        txt.put(normalize(name), List.of(values));
        return this;
    }

    FakeResolver failing(String name) {
        failing.add(normalize(name));
        return this;
    }

    /** Reads lines "name TXT-value", the format of the conformance samples' first lines. */
    static FakeResolver fromLines(List<String> lines) {
        FakeResolver resolver = new FakeResolver();
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

    @Override
    public Lookup<String> txt(String name) {
        String key = normalize(name);
        if (failing.contains(key)) {
            return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
        }
        List<String> values = txt.get(key);
        return values == null ? Lookup.of(Lookup.Status.NXDOMAIN) : Lookup.found(values);
    }

    @Override
    public Lookup<InetAddress> addresses(String name) {
        return Lookup.of(Lookup.Status.NXDOMAIN);
    }

    @Override
    public Lookup<InetAddress> a(String name) {
        return Lookup.of(Lookup.Status.NXDOMAIN);
    }

    @Override
    public Lookup<InetAddress> aaaa(String name) {
        return Lookup.of(Lookup.Status.NXDOMAIN);
    }

    @Override
    public Lookup<MxRecord> mx(String name) {
        return Lookup.of(Lookup.Status.NXDOMAIN);
    }

    @Override
    public Lookup<String> ptr(InetAddress address) {
        return Lookup.of(Lookup.Status.NXDOMAIN);
    }
}
