package dev.postern.score.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.postern.score.Action;
import dev.postern.score.bayes.Verdict;
import dev.postern.score.config.ReputationSettings;
import dev.postern.score.store.ReputationStore;
import dev.postern.score.store.ReputationStore.Sample;

/**
 * Sender reputation, after rspamd's reputation module: each {@link SenderIdentity} of the sender
 * (client network, SPF-authenticated envelope domain, DKIM-aligned From domain) is judged by the
 * verdicts of its recent mail. With at least {@code min-samples} samples, the share of spam among
 * them gives the certainty {@code c = 2 * share - 1}: above 0, the identity's SPAM symbol
 * (SENDER_REP_SPAM, SPF_REPUTATION_SPAM, DKIM_REPUTATION_SPAM) scores {@code c} times its weight;
 * below 0, its HAM symbol scores {@code -c} times its weight; an even record scores nothing.
 *
 * <p>After each scan the engine {@link #record records} the verdict for every identity:
 * NO_ACTION is ham; add header, rewrite subject, soft reject and reject are spam; greylist is
 * neither (the retry is the verdict). The verdict is taken from the score without the reputation
 * symbols, so a reputation does not feed itself, and from the thresholds alone, not from actions
 * forced by rate limits or greylisting; GTUBE counts as spam.
 *
 * <pre>{@code
 * <reputation enabled="true" min-samples="5" max-samples="100" expiry="10d" ipv4-prefix="24" ipv6-prefix="64"/>
 * }</pre>
 */
public final class ReputationRule implements Rule {

    /** Every symbol this rule emits. */
    public static final Set<String> SYMBOLS = Arrays.stream(SenderIdentity.Kind.values())
        .flatMap(kind -> Stream.of(kind.spamSymbol(), kind.hamSymbol()))
        .collect(Collectors.toUnmodifiableSet());

    private final ReputationStore store;
    private final ReputationSettings settings;

    public ReputationRule(ReputationStore store, ReputationSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public List<Hit> check(RuleInput input) {
        List<SenderIdentity> identities = SenderIdentity.of(input, settings);
        if (identities.isEmpty()) {
            return List.of();
        }
        Map<String, List<Sample>> recent = store.recent(identities.stream().map(SenderIdentity::key).toList(), input.now(), settings.maxSamples());
        List<Hit> hits = new ArrayList<>();
        for (SenderIdentity identity : identities) {
            List<Sample> samples = recent.getOrDefault(identity.key(), List.of());
            if (samples.size() < settings.minSamples()) {
                continue;
            }
            long spam = samples.stream().filter(s -> s.verdict() == Verdict.SPAM).count();
            double certainty = 2.0 * spam / samples.size() - 1;
            String record = spam + " spam of " + samples.size();
            if (certainty > 0) {
                hits.add(Hit.scaled(identity.kind().spamSymbol(), certainty, identity.value(), record));
            } else if (certainty < 0) {
                hits.add(Hit.scaled(identity.kind().hamSymbol(), -certainty, identity.value(), record));
            }
        }
        return hits;
    }

    /**
     * Records the verdict of the scan of {@code input} for each identity of its sender, when the
     * action says one ({@link #verdictOf}). Recording the same message again replaces its sample.
     *
     * @param scoreAction the action the thresholds give to the score without this rule's symbols
     * @param score that score
     */
    public void record(RuleInput input, Action scoreAction, double score) {
        Optional<Verdict> verdict = verdictOf(scoreAction);
        List<SenderIdentity> identities = SenderIdentity.of(input, settings);
        if (verdict.isEmpty() || identities.isEmpty()) {
            return;
        }
        Sample sample = new Sample(MessageKey.of(input.message(), input.context()), input.now(), verdict.get(), score);
        store.record(identities.stream().map(SenderIdentity::key).toList(), sample, settings.expiry(), input.now());
    }

    /** Ham for no action, spam for add header and above, none for greylist (undecided: the retry decides). */
    public static Optional<Verdict> verdictOf(Action action) {
        return switch (action) {
            case NO_ACTION -> Optional.of(Verdict.HAM);
            case GREYLIST -> Optional.empty();
            case ADD_HEADER, REWRITE_SUBJECT, SOFT_REJECT, REJECT -> Optional.of(Verdict.SPAM);
        };
    }
}
