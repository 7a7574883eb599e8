package dev.postern.score.composite;

import java.util.Locale;
import java.util.Optional;

/** What a matched composite does to the symbols it matched (rspamd's composite "policy"). */
public enum RemovalPolicy {
    /** The parts stay listed but their score becomes 0: only the composite counts (rspamd's default). */
    REMOVE_WEIGHT,
    /** The parts disappear from the result. */
    REMOVE_SYMBOL,
    /** Both remove: same as REMOVE_SYMBOL; rspamd names it remove_all. */
    REMOVE_ALL,
    /** The parts keep their score: the composite adds to them. */
    LEAVE;

    public static Optional<RemovalPolicy> parse(String text) {
        String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (RemovalPolicy policy : values()) {
            if (policy.name().equals(normal)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
