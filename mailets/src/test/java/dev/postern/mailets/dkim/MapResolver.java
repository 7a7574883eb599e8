package dev.postern.mailets.dkim;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.postern.dns.Resolver;

/** TXT records from a map; every other lookup, and names marked failing, a temporary failure. */
final class MapResolver implements Resolver {

    final Map<String, String> txt = new HashMap<>();
    boolean failing;

    @Override
    public Lookup<String> txt(String name) {
        if (failing) {
            return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
        }
        String value = txt.get(name.replaceAll("\\.$", "").toLowerCase());
        return value == null ? Lookup.of(Lookup.Status.NXDOMAIN) : Lookup.found(List.of(value));
    }

    @Override
    public Lookup<InetAddress> addresses(String name) {
        return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
    }

    @Override
    public Lookup<InetAddress> a(String name) {
        return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
    }

    @Override
    public Lookup<InetAddress> aaaa(String name) {
        return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
    }

    @Override
    public Lookup<MxRecord> mx(String name) {
        return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
    }

    @Override
    public Lookup<String> ptr(InetAddress address) {
        return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
    }
}
