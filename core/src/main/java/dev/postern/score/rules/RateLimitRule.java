package dev.postern.score.rules;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.postern.score.Action;
import dev.postern.score.config.RateLimit;
import dev.postern.score.store.RateLimitStore;

/**
 * RATELIMITED, forcing a soft reject (4xx, as rspamd's ratelimit module), when a sender, client
 * IP or authenticated user exceeds a configured count per period. Each scan counts once: scan
 * every message once. Bounces (null sender) are not counted by sender.
 */
public final class RateLimitRule implements Rule {

    private final RateLimitStore store;
    private final List<RateLimit> limits;

    public RateLimitRule(RateLimitStore store, List<RateLimit> limits) {
        this.store = store;
        this.limits = List.copyOf(limits);
    }

    @Override
    public List<Hit> check(RuleInput input) {
        for (RateLimit limit : limits) {
            Optional<String> value = value(limit.bucket(), input);
            if (value.isEmpty()) {
                continue;
            }
            long periodSeconds = limit.period().getSeconds();
            long now = input.now().getEpochSecond();
            Instant windowStart = Instant.ofEpochSecond(now - Math.floorMod(now, periodSeconds));
            String key = limit.bucket().word() + ":" + limit.period() + ":" + value.get();
            long count = store.increment(key, windowStart, limit.period());
            if (count > limit.count()) {
                return List.of(Hit.forcing("RATELIMITED", Action.SOFT_REJECT,
                    limit.bucket().word() + ":" + value.get(), count + ">" + limit.count() + "/" + limit.period()));
            }
        }
        return List.of();
    }

    private static Optional<String> value(RateLimit.Bucket bucket, RuleInput input) {
        return switch (bucket) {
            case SENDER -> Optional.of(input.context().envelopeSender().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
            case IP -> input.context().clientIp().map(ip -> ip.getHostAddress());
            case USER -> input.context().authenticatedUser().map(user -> user.toLowerCase(Locale.ROOT));
        };
    }
}
