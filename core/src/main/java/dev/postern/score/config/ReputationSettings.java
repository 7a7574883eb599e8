package dev.postern.score.config;

import java.time.Duration;

import dev.postern.score.store.ReputationStore;

/**
 * The sender reputation rule ({@code dev.postern.score.rules.ReputationRule}), as
 * {@code <reputation>} in the rules file.
 *
 * @param enabled whether the rule runs and scans are recorded
 * @param minSamples an identity needs this many recent samples before it scores: one or two
 *                   verdicts say little, and a new sender starts neutral
 * @param maxSamples at most this many recent samples are read per identity (newest days first):
 *                   bounds the read in the SMTP path however much a sender sends; at most
 *                   {@link ReputationStore#LIMIT_MAX}
 * @param expiry a sample is forgotten this long after its scan; rspamd's reputation module keeps
 *               its buckets 10 days by default
 * @param ipv4Prefix client addresses are judged by network: IPv4 by this prefix (24: a sending
 *                   pool usually lies in one /24 of one operator, as rspamd's "ipnet"; 32: by address)
 * @param ipv6Prefix the same for IPv6 (64: one end site's subnet, RFC 6177)
 */
public record ReputationSettings(boolean enabled, int minSamples, int maxSamples, Duration expiry, int ipv4Prefix, int ipv6Prefix) {

    public static final int MIN_SAMPLES_DEFAULT = 5;
    public static final int MAX_SAMPLES_DEFAULT = 100;

    public static final ReputationSettings DEFAULT =
        new ReputationSettings(true, MIN_SAMPLES_DEFAULT, MAX_SAMPLES_DEFAULT, Duration.ofDays(10), 24, 64);

    public ReputationSettings {
        if (minSamples < 1 || maxSamples < minSamples || maxSamples > ReputationStore.LIMIT_MAX) {
            throw new IllegalArgumentException("reputation: need 1 <= min-samples <= max-samples <= " + ReputationStore.LIMIT_MAX
                + ", got " + minSamples + " and " + maxSamples);
        }
    }
}
