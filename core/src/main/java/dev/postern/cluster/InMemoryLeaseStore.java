package dev.postern.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link LeaseStore} for one JVM: a single server is its own cluster. */
public final class InMemoryLeaseStore implements LeaseStore {

    private record Held(String owner, Instant until) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Held> leases = new ConcurrentHashMap<>();

    public InMemoryLeaseStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean tryAcquire(String name, String owner, Duration ttl) {
        Instant now = clock.instant();
        Held result = leases.compute(name, (key, held) ->
            held == null || !held.until().isAfter(now) ? new Held(owner, now.plus(ttl)) : held);
        return result.owner().equals(owner) && result.until().equals(now.plus(ttl));
    }

    @Override
    public boolean renew(String name, String owner, Duration ttl) {
        Instant now = clock.instant();
        boolean[] renewed = {false};
        leases.computeIfPresent(name, (key, held) -> {
            if (held.owner().equals(owner) && held.until().isAfter(now)) {
                renewed[0] = true;
                return new Held(owner, now.plus(ttl));
            }
            return held;
        });
        return renewed[0];
    }

    @Override
    public void release(String name, String owner) {
        leases.computeIfPresent(name, (key, held) -> held.owner().equals(owner) ? null : held);
    }
}
