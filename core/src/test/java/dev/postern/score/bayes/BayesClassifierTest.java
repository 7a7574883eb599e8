package dev.postern.score.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postern.score.TestData;
import dev.postern.score.config.BayesSettings;
import dev.postern.score.message.ScannedMessage;

class BayesClassifierTest {

    private static final BayesSettings THREE = new BayesSettings(true, 3, true);

    private static ScannedMessage spam(int i) {
        return TestData.message("../bayes/spam-" + i + ".eml");
    }

    private static ScannedMessage ham(int i) {
        return TestData.message("../bayes/ham-" + i + ".eml");
    }

    private static BayesClassifier trained(BayesStore store, BayesSettings settings, Optional<String> user) {
        BayesClassifier bayes = new BayesClassifier(store, settings);
        for (int i = 1; i <= 3; i++) {
            bayes.learn(spam(i), Verdict.SPAM, user);
            bayes.learn(ham(i), Verdict.HAM, user);
        }
        return bayes;
    }

    @Test
    void classifiesUnseenMessagesAfterLearning() {
        BayesClassifier bayes = trained(new InMemoryBayesStore(), THREE, Optional.empty());
        assertThat(bayes.classify(spam(4), Optional.empty())).hasValueSatisfying(c -> assertThat(c.probability()).isGreaterThan(0.9));
        assertThat(bayes.classify(ham(4), Optional.empty())).hasValueSatisfying(c -> assertThat(c.probability()).isLessThan(0.1));
    }

    @Test
    void abstainsBeforeTheMinimumOfEachClass() {
        BayesStore store = new InMemoryBayesStore();
        BayesClassifier bayes = trained(store, new BayesSettings(true, 4, true), Optional.empty());
        assertThat(bayes.classify(spam(4), Optional.empty())).isEmpty();
        bayes.learn(spam(4), Verdict.SPAM, Optional.empty());
        assertThat(bayes.classify(spam(4), Optional.empty())).as("spam enough, ham not yet").isEmpty();
        bayes.learn(ham(4), Verdict.HAM, Optional.empty());
        assertThat(bayes.classify(spam(4), Optional.empty())).isPresent();
        assertThat(new BayesClassifier(store, new BayesSettings(false, 1, true)).classify(spam(4), Optional.empty())).isEmpty();
    }

    @Test
    void learningTwiceCountsOnceAndRelearningMovesTheMessage() {
        BayesStore store = new InMemoryBayesStore();
        BayesClassifier bayes = new BayesClassifier(store, THREE);
        assertThat(bayes.learn(spam(1), Verdict.SPAM, Optional.empty())).isTrue();
        assertThat(bayes.learn(spam(1), Verdict.SPAM, Optional.empty())).isFalse();
        assertThat(store.learned(BayesStore.GLOBAL)).isEqualTo(new BayesStore.Counts(1, 0));
        assertThat(bayes.learn(spam(1), Verdict.HAM, Optional.empty())).isTrue();
        assertThat(store.learned(BayesStore.GLOBAL)).isEqualTo(new BayesStore.Counts(0, 1));
        assertThat(store.counts(BayesStore.GLOBAL, List.of("viagra")).get("viagra")).isEqualTo(new BayesStore.Counts(0, 1));
        assertThat(bayes.unlearn(spam(1), Optional.empty())).isTrue();
        assertThat(bayes.unlearn(spam(1), Optional.empty())).isFalse();
        assertThat(store.learned(BayesStore.GLOBAL)).isEqualTo(BayesStore.Counts.ZERO);
        assertThat(store.counts(BayesStore.GLOBAL, List.of("viagra"))).isEmpty();
    }

    @Test
    void aUsersOwnStatisticsApplyOnceTheyReachTheMinimum() {
        BayesStore store = new InMemoryBayesStore();
        BayesClassifier bayes = trained(store, THREE, Optional.of("Bob@Example.org"));
        assertThat(store.learned("bob@example.org")).isEqualTo(new BayesStore.Counts(3, 3));
        assertThat(store.learned(BayesStore.GLOBAL)).as("users teach the global scope too").isEqualTo(new BayesStore.Counts(3, 3));
        assertThat(bayes.classify(spam(4), Optional.of("bob@example.org"))).map(BayesClassifier.Classification::scope).contains("bob@example.org");
        assertThat(bayes.classify(spam(4), Optional.of("carol@example.org"))).map(BayesClassifier.Classification::scope).contains(BayesStore.GLOBAL);
        BayesClassifier global = new BayesClassifier(store, new BayesSettings(true, 3, false));
        assertThat(global.classify(spam(4), Optional.of("bob@example.org"))).map(BayesClassifier.Classification::scope).contains(BayesStore.GLOBAL);
    }

    @Test
    void robinsonsFormula() {
        BayesStore.Counts learned = new BayesStore.Counts(100, 100);
        assertThat(BayesClassifier.robinson(new BayesStore.Counts(0, 0), learned)).isEqualTo(0.5);
        // p = 1 (seen only in spam), n = 1: (0.45 * 0.5 + 1) / 1.45
        assertThat(BayesClassifier.robinson(new BayesStore.Counts(1, 0), learned)).isCloseTo(0.8448, within(1e-4));
        assertThat(BayesClassifier.robinson(new BayesStore.Counts(50, 0), learned)).isCloseTo(0.9955, within(1e-4));
        // ratios normalised by class size: 10 of 100 spam vs 10 of 1000 ham
        assertThat(BayesClassifier.robinson(new BayesStore.Counts(10, 10), new BayesStore.Counts(100, 1000))).isGreaterThan(0.85);
    }

    @Test
    void chiSquareCombination() {
        assertThat(BayesClassifier.chi2Q(0, 4)).isEqualTo(1.0);
        assertThat(BayesClassifier.chi2Q(2, 2)).isCloseTo(Math.exp(-1), within(1e-12));
        assertThat(BayesClassifier.combine(List.of())).isEqualTo(0.5);
        assertThat(BayesClassifier.combine(List.of(0.99, 0.98, 0.95))).isGreaterThan(0.95);
        assertThat(BayesClassifier.combine(List.of(0.01, 0.02, 0.05))).isLessThan(0.05);
        assertThat(BayesClassifier.combine(List.of(0.99, 0.01))).isCloseTo(0.5, within(1e-9));
    }
}
