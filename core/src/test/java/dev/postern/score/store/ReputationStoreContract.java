package dev.postern.score.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.postern.score.bayes.Verdict;
import dev.postern.score.store.ReputationStore.Sample;

/**
 * What every {@link ReputationStore} does; subclassed once per implementation. Samples are
 * dated from the real clock: Cassandra expires them by TTL, counted by its own clock.
 */
public abstract class ReputationStoreContract {

    private static final Duration EXPIRY = Duration.ofDays(10);

    private final String run = UUID.randomUUID().toString();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected abstract ReputationStore store();

    private String identity(String name) {
        return "spf:" + name + "." + run + ".example";
    }

    private Sample sample(String key, Verdict verdict, Instant at) {
        return new Sample(key, at, verdict, verdict == Verdict.SPAM ? 9.5 : 0.5);
    }

    @Test
    void eachIdentityKeepsItsOwnSamples() {
        ReputationStore store = store();
        store.record(List.of(identity("a"), identity("b")), sample("m1", Verdict.SPAM, now), EXPIRY, now);
        store.record(List.of(identity("a")), sample("m2", Verdict.HAM, now), EXPIRY, now);

        var recent = store.recent(List.of(identity("a"), identity("b"), identity("never")), now, 10);

        assertThat(recent.get(identity("a"))).extracting(Sample::messageKey, Sample::verdict)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("m1", Verdict.SPAM), org.assertj.core.groups.Tuple.tuple("m2", Verdict.HAM));
        assertThat(recent.get(identity("a"))).extracting(Sample::score).containsExactly(9.5, 0.5);
        assertThat(recent.get(identity("a")).get(0).at()).isEqualTo(now);
        assertThat(recent.get(identity("b"))).extracting(Sample::messageKey).containsExactly("m1");
        assertThat(recent.get(identity("never"))).isEmpty();
    }

    @Test
    void recordingAMessageAgainTheSameDayReplacesItsSample() {
        ReputationStore store = store();
        store.record(List.of(identity("retry")), sample("m1", Verdict.HAM, now), EXPIRY, now);
        store.record(List.of(identity("retry")), sample("m1", Verdict.SPAM, now.plusMillis(5)), EXPIRY, now);
        store.record(List.of(identity("retry")), sample("m1", Verdict.SPAM, now.plusMillis(5)), EXPIRY, now);

        assertThat(store.recent(List.of(identity("retry")), now, 10).get(identity("retry")))
            .singleElement().extracting(Sample::verdict).isEqualTo(Verdict.SPAM);
    }

    @Test
    void theNewestDaysComeFirstUpToTheLimit() {
        ReputationStore store = store();
        store.record(List.of(identity("days")), sample("old", Verdict.HAM, now.minus(Duration.ofDays(3))), EXPIRY, now);
        store.record(List.of(identity("days")), sample("mid", Verdict.SPAM, now.minus(Duration.ofDays(2))), EXPIRY, now);
        store.record(List.of(identity("days")), sample("new-b", Verdict.SPAM, now), EXPIRY, now);
        store.record(List.of(identity("days")), sample("new-a", Verdict.SPAM, now), EXPIRY, now);

        assertThat(store.recent(List.of(identity("days")), now, 3).get(identity("days"))).extracting(Sample::messageKey)
            .containsExactly("new-a", "new-b", "mid");
        assertThat(store.recent(List.of(identity("days")), now, 100).get(identity("days"))).hasSize(4);
    }

    @Test
    void samplesAreForgottenAfterTheExpiry() {
        ReputationStore store = store();
        Duration day = Duration.ofDays(1);
        store.record(List.of(identity("expiry")), sample("expired", Verdict.SPAM, now.minus(Duration.ofHours(25))), day, now);
        store.record(List.of(identity("expiry")), sample("kept", Verdict.SPAM, now.minus(Duration.ofHours(20))), day, now);

        assertThat(store.recent(List.of(identity("expiry")), now, 10).get(identity("expiry"))).extracting(Sample::messageKey)
            .containsExactly("kept");
    }

    @Test
    void concurrentRecordsOfDifferentMessagesAreAllKept() throws Exception {
        ReputationStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String key = "m" + i;
                writes.add(pool.submit(() -> store.record(List.of(identity("race")), sample(key, Verdict.SPAM, now), EXPIRY, now)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.recent(List.of(identity("race")), now, 1000).get(identity("race"))).hasSize(60);
    }
}
