package dev.postern.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link Resolver} on dnsjava: asks the configured servers over UDP, repeats over TCP when an
 * answer comes back truncated (RFC 7766 section 5, done by dnsjava's {@link SimpleResolver}),
 * and keeps answers in a bounded cache for as long as their TTL says.
 *
 * <ul>
 * <li>Positive answers live for the smallest TTL of the records used (RFC 1035 section 3.2.1,
 * RFC 2181 section 5.2), at most {@link Builder#maxTtl}.</li>
 * <li>NXDOMAIN and empty answers live for min(SOA TTL, SOA MINIMUM) of the SOA in the authority
 * section (RFC 2308 section 5), at most {@link Builder#maxNegativeTtl}; without an SOA they are
 * not cached (RFC 2308 section 5: "SHOULD NOT be cached").</li>
 * <li>Timeouts, SERVFAIL, REFUSED and other RCODEs are {@link Resolver.Lookup.Status#TEMPORARY_FAILURE}
 * after every server was tried {@code 1 + retries} times; they are never cached.</li>
 * </ul>
 *
 * <pre>{@code
 * Resolver resolver = DnsjavaResolver.builder()
 *     .servers(DnsServers.fromEnvironment())
 *     .timeout(Duration.ofSeconds(3))
 *     .build();
 * }</pre>
 */
public final class DnsjavaResolver implements Resolver {

    /** RFC 2308 section 5: one to three hours "would make a sensible default" for negative caching. */
    public static final Duration DEFAULT_MAX_NEGATIVE_TTL = Duration.ofHours(3);
    /** One day: a record with a week-long TTL should still not pin a changed SPF/DMARC policy. */
    public static final Duration DEFAULT_MAX_TTL = Duration.ofDays(1);
    /** Per query and server; RFC 1035 section 4.2.1 leaves it to the resolver, 2 to 5 s is usual. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRIES = 1;
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    /** Bounds CNAME chains followed by asking again (RFC 1034 section 3.6.2 forbids loops; 8 is what resolvers allow). */
    static final int CNAME_CHAIN_MAX = 8;

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int retries;
    private final Duration maxTtl;
    private final Duration maxNegativeTtl;
    private final Clock clock;
    private final Cache cache;

    private DnsjavaResolver(Builder builder) {
        if (builder.servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server: set " + DnsServers.ENVIRONMENT_VARIABLE
                + " (e.g. 127.0.0.1:53) or pass servers(...) to the builder");
        }
        this.servers = builder.servers.stream().map(DnsjavaResolver::resolvable).toList();
        this.timeout = builder.timeout;
        this.retries = builder.retries;
        this.maxTtl = builder.maxTtl;
        this.maxNegativeTtl = builder.maxNegativeTtl;
        this.clock = builder.clock;
        this.cache = new Cache(builder.cacheSize);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A resolver on the servers named by {@code POSTERN_DNS}, with the defaults. */
    public static DnsjavaResolver fromEnvironment() {
        return builder().servers(DnsServers.fromEnvironment()).build();
    }

    /**
     * The servers named by {@code POSTERN_DNS}, or when it is unset those of the system
     * configuration (/etc/resolv.conf, as dnsjava's {@link ResolverConfig} reads it).
     */
    public static List<InetSocketAddress> environmentOrSystemServers() {
        List<InetSocketAddress> servers = DnsServers.fromEnvironment();
        return servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
    }

    private static InetSocketAddress resolvable(InetSocketAddress server) {
        return server.isUnresolved() ? new InetSocketAddress(server.getHostString(), server.getPort()) : server;
    }

    @Override
    public Lookup<String> txt(String name) {
        return lookup(name, Type.TXT, record -> String.join("", ((TXTRecord) record).getStrings()));
    }

    @Override
    public Lookup<InetAddress> a(String name) {
        return lookup(name, Type.A, record -> ((ARecord) record).getAddress());
    }

    @Override
    public Lookup<InetAddress> aaaa(String name) {
        return lookup(name, Type.AAAA, record -> ((AAAARecord) record).getAddress());
    }

    @Override
    public Lookup<InetAddress> addresses(String name) {
        Lookup<InetAddress> v4 = a(name);
        Lookup<InetAddress> v6 = aaaa(name);
        List<InetAddress> all = new ArrayList<>(v4.records());
        all.addAll(v6.records());
        if (!all.isEmpty()) {
            return Lookup.found(all);
        }
        if (v4.status() == Lookup.Status.TEMPORARY_FAILURE || v6.status() == Lookup.Status.TEMPORARY_FAILURE) {
            return Lookup.of(Lookup.Status.TEMPORARY_FAILURE);
        }
        return v4.status() == Lookup.Status.NXDOMAIN ? v4 : Lookup.of(Lookup.Status.NO_RECORDS);
    }

    @Override
    public Lookup<MxRecord> mx(String name) {
        Lookup<MxRecord> lookup = lookup(name, Type.MX, record -> {
            MXRecord mx = (MXRecord) record;
            return new MxRecord(mx.getPriority(), withoutTrailingDot(mx.getTarget()));
        });
        if (!lookup.isFound()) {
            return lookup;
        }
        List<MxRecord> sorted = new ArrayList<>(lookup.records());
        sorted.sort(Comparator.comparingInt(MxRecord::preference));
        return Lookup.found(sorted);
    }

    @Override
    public Lookup<String> ptr(InetAddress address) {
        return lookup(ReverseMap.fromAddress(address), Type.PTR, record -> withoutTrailingDot(((PTRRecord) record).getTarget()));
    }

    /** Forgets every cached answer. */
    public void clearCache() {
        cache.clear();
    }

    /** Number of answers in the cache, expired ones included until they are asked for again. */
    public int cacheSize() {
        return cache.size();
    }

    private static String withoutTrailingDot(Name name) {
        String text = name.toString();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private <T> Lookup<T> lookup(String name, int type, Function<Record, T> convert) {
        Name absolute;
        try {
            absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            // Too long a label or name (RFC 1035 section 2.3.4): no such name can exist.
            return Lookup.of(Lookup.Status.NXDOMAIN);
        }
        return lookup(absolute, type, convert);
    }

    @SuppressWarnings("unchecked")
    private <T> Lookup<T> lookup(Name name, int type, Function<Record, T> convert) {
        CacheKey key = new CacheKey(name.toString().toLowerCase(Locale.ROOT), type);
        Instant now = clock.instant();
        Lookup<?> cached = cache.get(key, now);
        if (cached != null) {
            return (Lookup<T>) cached;
        }
        Answer answer = resolve(name, type);
        Lookup<T> lookup = switch (answer.status) {
            case FOUND -> Lookup.found(answer.records.stream().map(convert).toList());
            default -> Lookup.of(answer.status);
        };
        if (answer.ttl != null && answer.ttl.compareTo(Duration.ZERO) > 0) {
            cache.put(key, lookup, now.plus(answer.ttl));
        }
        return lookup;
    }

    /** One resolution: status, the records of the type asked, and how long it may be cached (null: not at all). */
    private record Answer(Resolver.Lookup.Status status, List<Record> records, Duration ttl) {
    }

    private Answer resolve(Name name, int type) {
        Name current = name;
        long ttl = Long.MAX_VALUE;
        for (int hop = 0; hop <= CNAME_CHAIN_MAX; hop++) {
            Message response = ask(current, type);
            if (response == null) {
                return new Answer(Lookup.Status.TEMPORARY_FAILURE, List.of(), null);
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new Answer(Lookup.Status.NXDOMAIN, List.of(), negativeTtl(response));
            }
            if (rcode != Rcode.NOERROR) {
                return new Answer(Lookup.Status.TEMPORARY_FAILURE, List.of(), null);
            }
            // Follow the CNAME chain inside the answer (RFC 1034 section 4.3.2 step 3a).
            List<Record> answers = response.getSection(Section.ANSWER);
            List<Record> found = new ArrayList<>();
            boolean moved = true;
            for (int step = 0; moved && step <= CNAME_CHAIN_MAX; step++) {
                moved = false;
                for (Record record : answers) {
                    if (!record.getName().equals(current)) {
                        continue;
                    }
                    if (record.getType() == type) {
                        found.add(record);
                        ttl = Math.min(ttl, record.getTTL());
                    } else if (record.getType() == Type.CNAME && type != Type.CNAME && found.isEmpty()) {
                        ttl = Math.min(ttl, record.getTTL());
                        current = ((CNAMERecord) record).getTarget();
                        moved = true;
                        break;
                    }
                }
            }
            if (!found.isEmpty()) {
                return new Answer(Lookup.Status.FOUND, found, cap(Duration.ofSeconds(ttl), maxTtl));
            }
            boolean endedOnCname = answers.stream().anyMatch(record -> record.getType() == Type.CNAME);
            if (!endedOnCname) {
                return new Answer(Lookup.Status.NO_RECORDS, List.of(), negativeTtl(response));
            }
            // The server gave the chain only in part: ask again for where it ends.
        }
        return new Answer(Lookup.Status.TEMPORARY_FAILURE, List.of(), null);
    }

    /** RFC 2308 section 5: the negative TTL is the minimum of the SOA's TTL and its MINIMUM field. */
    private Duration negativeTtl(Message response) {
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord soa) {
                return cap(Duration.ofSeconds(Math.min(soa.getTTL(), soa.getMinimum())), maxNegativeTtl);
            }
        }
        return null;
    }

    private static Duration cap(Duration ttl, Duration max) {
        return ttl.compareTo(max) > 0 ? max : ttl;
    }

    /** The first usable response from any server, each tried {@code 1 + retries} times; null when none answered usably. */
    private Message ask(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        for (int attempt = 0; attempt <= retries; attempt++) {
            for (InetSocketAddress server : servers) {
                SimpleResolver resolver = new SimpleResolver(server);
                resolver.setTimeout(timeout);
                try {
                    Message response = resolver.send(query);
                    int rcode = response.getRcode();
                    if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                        return response;
                    }
                    // SERVFAIL, REFUSED, ...: another server (or a later try) may do better.
                } catch (IOException | RuntimeException e) {
                    // Timeout or network error: try the next server.
                }
            }
        }
        return null;
    }

    private record CacheKey(String name, int type) {
    }

    private record Entry(Lookup<?> lookup, Instant expires) {
    }

    /** Least-recently-used, bounded; entries expire at their TTL. */
    private static final class Cache {
        private final int maxSize;
        private final Map<CacheKey, Entry> entries;

        Cache(int maxSize) {
            this.maxSize = maxSize;
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CacheKey, Entry> eldest) {
                    return size() > Cache.this.maxSize;
                }
            };
        }

        synchronized Lookup<?> get(CacheKey key, Instant now) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (!now.isBefore(entry.expires)) {
                entries.remove(key);
                return null;
            }
            return entry.lookup;
        }

        synchronized void put(CacheKey key, Lookup<?> lookup, Instant expires) {
            if (maxSize > 0) {
                entries.put(key, new Entry(lookup, expires));
            }
        }

        synchronized void clear() {
            entries.clear();
        }

        synchronized int size() {
            return entries.size();
        }
    }

    public static final class Builder {
        private List<InetSocketAddress> servers = List.of();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int retries = DEFAULT_RETRIES;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private Duration maxTtl = DEFAULT_MAX_TTL;
        private Duration maxNegativeTtl = DEFAULT_MAX_NEGATIVE_TTL;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder servers(List<InetSocketAddress> servers) {
            this.servers = List.copyOf(servers);
            return this;
        }

        /** Servers written as {@link DnsServers} reads them: "host:port,...". */
        public Builder servers(String servers) {
            return servers(DnsServers.parseList(servers, "DNS servers"));
        }

        /** How long to wait for one server to answer one query (UDP and the TCP retry together). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("DNS timeout must be positive, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** How many more rounds over all servers after the first one fails. */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("DNS retries must be 0 or more, not " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** Most answers kept; 0 turns the cache off. */
        public Builder cacheSize(int cacheSize) {
            if (cacheSize < 0) {
                throw new IllegalArgumentException("DNS cache size must be 0 or more, not " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        public Builder maxTtl(Duration maxTtl) {
            this.maxTtl = Objects.requireNonNull(maxTtl);
            return this;
        }

        public Builder maxNegativeTtl(Duration maxNegativeTtl) {
            this.maxNegativeTtl = Objects.requireNonNull(maxNegativeTtl);
            return this;
        }

        /** The clock TTLs are measured against; tests pass a movable one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public DnsjavaResolver build() {
            return new DnsjavaResolver(this);
        }
    }
}
