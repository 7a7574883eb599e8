package dev.postern.score.config;

import java.time.Duration;

/**
 * @param enabled whether greylisting applies
 * @param delay how long a new triplet is deferred; rspamd's default is 5 minutes, long enough
 *              that spamware not retrying gives up, short enough for legitimate servers
 * @param expiry after this, a triplet is forgotten; rspamd keeps passed triplets 1 day
 * @param ipv4Prefix client addresses are grouped by this prefix, since big senders retry
 *                   from another host of the same pool (rspamd: /24... we use the same)
 */
public record GreylistSettings(boolean enabled, Duration delay, Duration expiry, int ipv4Prefix, int ipv6Prefix) {

    public static final GreylistSettings DEFAULT =
        new GreylistSettings(true, Duration.ofMinutes(5), Duration.ofDays(1), 24, 64);
}
