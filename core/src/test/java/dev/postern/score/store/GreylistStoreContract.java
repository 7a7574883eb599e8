package dev.postern.score.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * What every {@link GreylistStore} does; subclassed once per implementation (in memory here,
 * Cassandra in postern-cassandra). Keys are unique per run: a shared store keeps old runs' rows.
 */
public abstract class GreylistStoreContract {

    /** Near the wall clock, so that stores with time-to-live keep the rows the test writes. */
    protected static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration DAY = Duration.ofDays(1);

    private final String run = UUID.randomUUID().toString();

    protected abstract GreylistStore store();

    private String key(String name) {
        return run + "/" + name;
    }

    @Test
    void theFirstSightIsKeptUntilItExpires() {
        GreylistStore store = store();
        assertThat(store.firstSeen(key("t"), T0, DAY)).isEqualTo(T0);
        assertThat(store.firstSeen(key("t"), T0.plusSeconds(60), DAY)).isEqualTo(T0);
        assertThat(store.firstSeen(key("other"), T0.plusSeconds(60), DAY)).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aSightAfterTheExpiryStartsAnew() {
        GreylistStore store = store();
        assertThat(store.firstSeen(key("t"), T0, DAY)).isEqualTo(T0);
        Instant later = T0.plus(DAY).plusSeconds(1);
        assertThat(store.firstSeen(key("t"), later, DAY)).isEqualTo(later);
        assertThat(store.firstSeen(key("t"), later.plusSeconds(5), DAY)).isEqualTo(later);
    }

    @Test
    void concurrentFirstSightsAgreeOnOneInstant() throws Exception {
        GreylistStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Instant>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Instant mine = T0.plusMillis(i);
                answers.add(pool.submit((Callable<Instant>) () -> store.firstSeen(key("race"), mine, DAY)));
            }
            Set<Instant> distinct = new HashSet<>();
            for (Future<Instant> answer : answers) {
                distinct.add(answer.get());
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
