package dev.postern.score;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.postern.dns.Resolver;

/** A {@link Resolver} answering A queries from a map and NXDOMAIN otherwise; records the names asked. */
public final class FakeResolver implements Resolver {

    private final Map<String, Lookup<InetAddress>> a = new HashMap<>();
    public final List<String> asked = new ArrayList<>();

    public FakeResolver withA(String name, String address) {
        try {
            a.put(name.toLowerCase(Locale.ROOT), Lookup.found(List.of(InetAddress.getByName(address))));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    public FakeResolver failing(String name) {
        a.put(name.toLowerCase(Locale.ROOT), Lookup.of(Lookup.Status.TEMPORARY_FAILURE));
        return this;
    }

    @Override
    public Lookup<InetAddress> a(String name) {
        asked.add(name);
        return a.getOrDefault(name.toLowerCase(Locale.ROOT), Lookup.of(Lookup.Status.NXDOMAIN));
    }

    @Override
    public Lookup<String> txt(String name) {
        return Lookup.of(Lookup.Status.NXDOMAIN);
    }

    @Override
    public Lookup<InetAddress> addresses(String name) {
        return a(name);
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
