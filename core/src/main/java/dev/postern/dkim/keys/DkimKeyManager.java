package dev.postern.dkim.keys;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.postern.cluster.InMemoryLeaseStore;
import dev.postern.cluster.LeaseStore;
import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.SigningAlgorithm;

/**
 * The life of a domain's DKIM keys, over a {@link DkimKeyStore}. Every domain signs twice, with
 * an rsa-sha256 and an ed25519-sha256 key (RFC 8463 section 5: receivers that do not know
 * Ed25519 still find the RSA signature). A rotation follows the usual order, so that no
 * message is ever signed with a key receivers cannot find:
 * <ol>
 * <li>{@link #rotate}: new selectors in state NEXT; publish their TXT records;</li>
 * <li>{@link #activate}, once DNS has them: the NEXT keys sign, the old ones are RETIRED;</li>
 * <li>RETIRED keys stay published for {@link #retiredGrace()} (mail in queues and in transit
 *     still verifies), then {@link #purge} deletes them and they leave the DNS records.</li>
 * </ol>
 * Selectors are named {@code postern-rsa-YYYYMM} and {@code postern-ed-YYYYMM} (UTC month of
 * creation), with {@code -2}, {@code -3} ... when that name is taken.
 *
 * <p>Servers sharing a store (Cassandra) would each give a new domain its own pair of keys when
 * they check it at the same time; {@link #ensureKeys} therefore creates keys only while holding
 * lease {@code dkim-keys/DOMAIN} of the cluster's {@link LeaseStore}, and a server that finds it
 * taken waits for the holder's keys.
 */
public final class DkimKeyManager {

    /** Signatures live a few days in queues; a week covers retries (RFC 5321 section 4.5.4.1 gives up after 4-5 days). */
    public static final Duration DEFAULT_RETIRED_GRACE = Duration.ofDays(7);
    public static final String SELECTOR_PREFIX = "postern-";

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);
    private static final List<SigningAlgorithm> ALGORITHMS = List.of(SigningAlgorithm.RSA_SHA256, SigningAlgorithm.ED25519_SHA256);

    /** Longer than making two keys takes, even on a loaded machine; a holder that dies blocks no longer. */
    static final Duration CREATION_LEASE = Duration.ofSeconds(60);
    /** How long {@link #ensureKeys} waits for another server's keys before it gives up (and signs nothing yet). */
    static final Duration CREATION_WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * How long the signing keys read from the store are reused, so that signing a message reads
     * no file nor Cassandra row. Changes made through this manager are seen at once; a rotation
     * made by another server signs here within this time (the keys it retires stay published for
     * the grace period, so mail signed meanwhile still verifies).
     */
    static final Duration SIGNING_KEYS_REUSE = Duration.ofSeconds(30);

    private record SigningKeys(List<DkimKey> keys, Instant readAt) {
    }

    private final DkimKeyStore store;
    private final Clock clock;
    private final Duration retiredGrace;
    private final LeaseStore leases;
    private final String owner = "dkim-key-manager/" + UUID.randomUUID();
    private final Map<String, SigningKeys> signingKeys = new ConcurrentHashMap<>();

    public DkimKeyManager(DkimKeyStore store) {
        this(store, Clock.systemUTC(), DEFAULT_RETIRED_GRACE);
    }

    /** One server alone on its store: leases in memory. */
    public DkimKeyManager(DkimKeyStore store, Clock clock, Duration retiredGrace) {
        this(store, clock, retiredGrace, new InMemoryLeaseStore(Clock.systemUTC()));
    }

    /** @param leases the cluster's leases when {@code store} is shared by several servers */
    public DkimKeyManager(DkimKeyStore store, Clock clock, Duration retiredGrace, LeaseStore leases) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retiredGrace = Objects.requireNonNull(retiredGrace, "retiredGrace");
        if (retiredGrace.isNegative()) {
            throw new IllegalArgumentException("the grace period of retired keys must not be negative, e.g. P7D");
        }
    }

    public DkimKeyStore store() {
        return store;
    }

    public Duration retiredGrace() {
        return retiredGrace;
    }

    /**
     * Gives {@code domain} an ACTIVE rsa-sha256 and ed25519-sha256 key when it has no ACTIVE key
     * and no rotation is under way, holding the domain's creation lease; when another server
     * holds it, waits (at most {@link #CREATION_WAIT}) for that server's keys.
     *
     * @return the keys created, empty when the domain had keys
     */
    public synchronized List<DkimKey> ensureKeys(String domain) {
        String lease = "dkim-keys/" + domain.toLowerCase(Locale.ROOT);
        Instant giveUp = Instant.now().plus(CREATION_WAIT);
        while (!hasKeys(domain)) {
            if (leases.tryAcquire(lease, owner, CREATION_LEASE)) {
                try {
                    return hasKeys(domain) ? List.of() : create(domain, KeyState.ACTIVE);
                } finally {
                    leases.release(lease, owner);
                }
            }
            if (Instant.now().isAfter(giveUp)) {
                return List.of(); // another server is still at it; the next check or first use finds its keys
            }
            pause();
        }
        return List.of();
    }

    /** An ACTIVE key, or a rotation under way (NEXT). */
    private boolean hasKeys(String domain) {
        return store.keys(domain).stream().anyMatch(k -> k.state() == KeyState.ACTIVE || k.state() == KeyState.NEXT);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another server creates DKIM keys", e);
        }
    }

    /** The keys that sign mail of {@code domain}: its ACTIVE ones. */
    public List<DkimKey> signingKeys(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        SigningKeys known = signingKeys.get(name);
        if (known != null && !now.isBefore(known.readAt()) && now.isBefore(known.readAt().plus(SIGNING_KEYS_REUSE))) {
            return known.keys();
        }
        List<DkimKey> active = store.keys(domain).stream().filter(k -> k.state() == KeyState.ACTIVE).toList();
        if (active.isEmpty()) {
            signingKeys.remove(name); // none yet: the next message asks the store again (first use creates them)
        } else {
            signingKeys.put(name, new SigningKeys(active, now));
        }
        return active;
    }

    /** After a change made here: the next signature reads the store. */
    private void changed(String domain) {
        signingKeys.remove(domain.toLowerCase(Locale.ROOT));
    }

    /** Every key of {@code domain}, in every state. */
    public List<DkimKey> keys(String domain) {
        return store.keys(domain);
    }

    /** The keys whose TXT record must be in DNS: ACTIVE, NEXT, and RETIRED within the grace period. */
    public List<DkimKey> publishedKeys(String domain) {
        Instant now = clock.instant();
        return store.keys(domain).stream()
            .filter(k -> k.state() != KeyState.RETIRED || !isPastGrace(k, now))
            .toList();
    }

    /**
     * Step 1 of a rotation: a NEXT key per algorithm. When NEXT keys exist already they are
     * returned unchanged (rotating twice does not throw away keys that may be published).
     */
    public synchronized List<DkimKey> rotate(String domain) {
        List<DkimKey> next = store.keys(domain).stream().filter(k -> k.state() == KeyState.NEXT).toList();
        return next.isEmpty() ? create(domain, KeyState.NEXT) : next;
    }

    /**
     * Step 2: the NEXT keys sign from now on; the ACTIVE ones are RETIRED.
     *
     * @return the keys now ACTIVE
     * @throws IllegalStateException when there is no NEXT key (rotate first)
     */
    public synchronized List<DkimKey> activate(String domain) {
        List<DkimKey> keys = store.keys(domain);
        List<DkimKey> next = keys.stream().filter(k -> k.state() == KeyState.NEXT).toList();
        if (next.isEmpty()) {
            throw new IllegalStateException(domain + " has no NEXT key to activate: rotate first, publish the new TXT records, then activate");
        }
        Instant now = clock.instant();
        keys.stream().filter(k -> k.state() == KeyState.ACTIVE)
            .forEach(k -> store.save(k.withState(KeyState.RETIRED, Optional.of(now))));
        List<DkimKey> activated = next.stream().map(k -> k.withState(KeyState.ACTIVE, Optional.empty())).toList();
        activated.forEach(store::save);
        changed(domain);
        return activated;
    }

    /**
     * Stops one selector from signing now; it stays published for the grace period.
     *
     * @throws IllegalArgumentException when the domain has no such selector
     */
    public synchronized DkimKey retire(String domain, String selector) {
        DkimKey key = store.key(domain, selector)
            .orElseThrow(() -> new IllegalArgumentException(domain + " has no DKIM selector '" + selector + "'"));
        if (key.state() == KeyState.RETIRED) {
            return key;
        }
        DkimKey retired = key.withState(KeyState.RETIRED, Optional.of(clock.instant()));
        store.save(retired);
        changed(domain);
        return retired;
    }

    /** Deletes the RETIRED keys of {@code domain} whose grace period is over; returns them. */
    public synchronized List<DkimKey> purge(String domain) {
        Instant now = clock.instant();
        List<DkimKey> expired = store.keys(domain).stream()
            .filter(k -> k.state() == KeyState.RETIRED && isPastGrace(k, now))
            .toList();
        expired.forEach(k -> store.delete(k.domain(), k.selector()));
        changed(domain);
        return expired;
    }

    private boolean isPastGrace(DkimKey key, Instant now) {
        return key.retired().map(r -> r.plus(retiredGrace).isBefore(now)).orElse(true);
    }

    private List<DkimKey> create(String domain, KeyState state) {
        Instant now = clock.instant();
        List<DkimKey> created = new ArrayList<>();
        for (SigningAlgorithm algorithm : ALGORITHMS) {
            KeyPair pair = algorithm == SigningAlgorithm.RSA_SHA256 ? DkimKeys.generateRsa() : DkimKeys.generateEd25519();
            DkimKey key = new DkimKey(domain, freeSelector(domain, algorithm, now), algorithm, pair.getPrivate(),
                DkimKeys.txtRecord(pair.getPublic()), state, now, Optional.empty());
            store.save(key);
            created.add(key);
        }
        changed(domain);
        return List.copyOf(created);
    }

    private String freeSelector(String domain, SigningAlgorithm algorithm, Instant now) {
        String base = SELECTOR_PREFIX + (algorithm == SigningAlgorithm.RSA_SHA256 ? "rsa" : "ed") + "-" + MONTH.format(now);
        String selector = base;
        for (int n = 2; store.key(domain, selector).isPresent(); n++) {
            selector = base + "-" + n;
        }
        return selector;
    }
}
