package dev.postern.score.config;

/**
 * @param enabled whether Bayes votes at all
 * @param minLearns messages of each class (spam and ham) learned before Bayes votes; rspamd uses
 *                  200 because with fewer the token statistics are mostly noise
 * @param perUser whether a user's own statistics are used once they reach {@code minLearns}
 */
public record BayesSettings(boolean enabled, int minLearns, boolean perUser) {

    /** rspamd's default minimum. */
    public static final int MIN_LEARNS_DEFAULT = 200;

    public static final BayesSettings DEFAULT = new BayesSettings(true, MIN_LEARNS_DEFAULT, true);
}
