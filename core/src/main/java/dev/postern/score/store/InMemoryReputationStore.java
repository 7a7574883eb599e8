package dev.postern.score.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ReputationStore} in one JVM's memory: for a single server and for tests. Expired
 * samples are dropped from the end of an identity's samples (its oldest days) as it is written
 * to, and from every identity every {@value #SWEEP_EVERY} records, so that senders never seen
 * again do not stay in memory; reads skip any other expired sample (one of a day only partly
 * expired). An identity keeps its first {@link #LIMIT_MAX} samples in read order (the newest), as
 * no read asks for more.
 */
public final class InMemoryReputationStore implements ReputationStore {

    /** Records between two sweeps of the whole store. */
    static final int SWEEP_EVERY = 4096;

    /** A sample's place in its identity: newest day first, then message key (as Cassandra's clustering order). */
    private record Slot(LocalDate day, String messageKey) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            int byDay = other.day.compareTo(day);
            return byDay != 0 ? byDay : messageKey.compareTo(other.messageKey);
        }
    }

    private record Kept(Sample sample, Instant until) {
    }

    private final ConcurrentHashMap<String, ConcurrentSkipListMap<Slot, Kept>> samples = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();

    @Override
    public void record(Collection<String> identities, Sample sample, Duration expiry, Instant now) {
        Instant until = sample.at().plus(expiry);
        if (!until.isAfter(now)) {
            return;
        }
        for (String identity : identities) {
            // compute: one identity's writes and sweeps happen one at a time, none lands in a map just dropped
            samples.compute(identity, (key, kept) -> {
                ConcurrentSkipListMap<Slot, Kept> map = kept == null ? new ConcurrentSkipListMap<>() : kept;
                map.put(new Slot(sample.day(), sample.messageKey()), new Kept(sample, until));
                // the oldest days are last: trim there, instead of scanning up to LIMIT_MAX samples per write
                for (Map.Entry<Slot, Kept> last = map.lastEntry();
                     last != null && (map.size() > LIMIT_MAX || !last.getValue().until().isAfter(now));
                     last = map.lastEntry()) {
                    map.pollLastEntry();
                }
                return map;
            });
        }
        if (records.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
    }

    @Override
    public Map<String, List<Sample>> recent(Collection<String> identities, Instant now, int limit) {
        if (limit > LIMIT_MAX) {
            throw new IllegalArgumentException("at most " + LIMIT_MAX + " samples per identity, not " + limit);
        }
        Map<String, List<Sample>> found = new LinkedHashMap<>();
        for (String identity : identities) {
            List<Sample> list = new ArrayList<>();
            ConcurrentSkipListMap<Slot, Kept> kept = samples.get(identity);
            if (kept != null) {
                for (Kept k : kept.values()) {
                    if (list.size() >= limit) {
                        break;
                    }
                    if (k.until().isAfter(now)) {
                        list.add(k.sample());
                    }
                }
            }
            found.put(identity, List.copyOf(list));
        }
        return found;
    }

    private void sweep(Instant now) {
        for (String identity : samples.keySet()) {
            samples.computeIfPresent(identity, (key, kept) -> {
                kept.values().removeIf(k -> !k.until().isAfter(now));
                return kept.isEmpty() ? null : kept;
            });
        }
    }
}
