package dev.postern.score.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.postern.score.bayes.BayesStore.Counts;

/** What every {@link BayesStore} does; subclassed once per implementation. */
public abstract class BayesStoreContract {

    private final String user = "u" + UUID.randomUUID() + "@example.org";
    private final String other = "o" + UUID.randomUUID() + "@example.org";
    /** Tokens unique to this run, so the shared global scope of a persistent store starts empty for them. */
    private final String t = UUID.randomUUID() + ":";

    protected abstract BayesStore store();

    @Test
    void learningCountsTokensAndMessagesPerScope() {
        BayesStore store = store();
        assertThat(store.learned(user)).isEqualTo(Counts.ZERO);
        store.add(user, Verdict.SPAM, List.of(t + "viagra", t + "cheap"), 1);
        store.add(user, Verdict.SPAM, List.of(t + "viagra"), 1);
        store.add(user, Verdict.HAM, List.of(t + "cheap", t + "meeting"), 1);

        assertThat(store.learned(user)).isEqualTo(new Counts(2, 1));
        assertThat(store.counts(user, List.of(t + "viagra", t + "cheap", t + "meeting", t + "never")))
            .containsOnlyKeys(t + "viagra", t + "cheap", t + "meeting")
            .containsEntry(t + "viagra", new Counts(2, 0))
            .containsEntry(t + "cheap", new Counts(1, 1))
            .containsEntry(t + "meeting", new Counts(0, 1));
        assertThat(store.learned(other)).isEqualTo(Counts.ZERO);
        assertThat(store.counts(other, List.of(t + "viagra"))).isEmpty();
        assertThat(store.counts(BayesStore.GLOBAL, List.of(t + "viagra"))).isEmpty();
    }

    @Test
    void theGlobalScopeIsSeparateFromUsers() {
        BayesStore store = store();
        store.add(BayesStore.GLOBAL, Verdict.HAM, List.of(t + "invoice"), 1);
        assertThat(store.counts(BayesStore.GLOBAL, List.of(t + "invoice"))).containsEntry(t + "invoice", new Counts(0, 1));
        assertThat(store.counts(user, List.of(t + "invoice"))).isEmpty();
    }

    @Test
    void unlearningSubtractsAndNeverGoesBelowZero() {
        BayesStore store = store();
        store.add(user, Verdict.SPAM, List.of(t + "a", t + "b"), 1);
        store.add(user, Verdict.SPAM, List.of(t + "a"), 1);
        store.add(user, Verdict.SPAM, List.of(t + "a", t + "b"), -1);
        assertThat(store.counts(user, List.of(t + "a", t + "b"))).containsOnlyKeys(t + "a")
            .containsEntry(t + "a", new Counts(1, 0));
        assertThat(store.learned(user)).isEqualTo(new Counts(1, 0));

        store.add(user, Verdict.HAM, List.of(t + "a"), -1);
        store.add(user, Verdict.HAM, List.of(t + "a"), 1);
        assertThat(store.counts(user, List.of(t + "a"))).containsEntry(t + "a", new Counts(1, 1));
    }

    @Test
    void learnedDigestsAreRememberedAndForgotten() {
        BayesStore store = store();
        assertThat(store.learnedAs(user, "d1")).isEmpty();
        store.setLearnedAs(user, "d1", Optional.of(Verdict.SPAM));
        assertThat(store.learnedAs(user, "d1")).contains(Verdict.SPAM);
        assertThat(store.learnedAs(other, "d1")).isEmpty();
        store.setLearnedAs(user, "d1", Optional.of(Verdict.HAM));
        assertThat(store.learnedAs(user, "d1")).contains(Verdict.HAM);
        store.setLearnedAs(user, "d1", Optional.empty());
        assertThat(store.learnedAs(user, "d1")).isEmpty();
    }
}
