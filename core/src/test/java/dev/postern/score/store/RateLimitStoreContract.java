package dev.postern.score.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** What every {@link RateLimitStore} does; subclassed once per implementation. */
public abstract class RateLimitStoreContract {

    protected static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration HOUR = Duration.ofHours(1);

    private final String run = UUID.randomUUID().toString();

    protected abstract RateLimitStore store();

    private String key(String name) {
        return run + "/" + name;
    }

    @Test
    void countsPerKeyAndRestartsWithEachWindow() {
        RateLimitStore store = store();
        assertThat(store.increment(key("k"), T0, HOUR)).isEqualTo(1);
        assertThat(store.increment(key("k"), T0, HOUR)).isEqualTo(2);
        assertThat(store.increment(key("j"), T0, HOUR)).isEqualTo(1);
        assertThat(store.increment(key("k"), T0.plus(HOUR), HOUR)).isEqualTo(1);
        assertThat(store.increment(key("k"), T0.plus(HOUR), HOUR)).isEqualTo(2);
    }

    @Test
    void concurrentIncrementsAreNeitherLostNorDoubled() throws Exception {
        RateLimitStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                answers.add(pool.submit((Callable<Long>) () -> store.increment(key("race"), T0, HOUR)));
            }
            List<Long> counts = new ArrayList<>();
            for (Future<Long> answer : answers) {
                counts.add(answer.get());
            }
            assertThat(counts).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
            assertThat(store.increment(key("race"), T0, HOUR)).isEqualTo(61);
        } finally {
            pool.shutdownNow();
        }
    }
}
