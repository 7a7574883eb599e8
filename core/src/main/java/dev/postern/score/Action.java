package dev.postern.score;

import java.util.Locale;
import java.util.Optional;

/**
 * What to do with a message, mildest first. As in rspamd, the action of a score is the most
 * severe one whose threshold the score reaches; an action without a threshold is never chosen
 * by score (but a rule may force it, e.g. GTUBE forces {@link #REJECT}).
 */
public enum Action {
    /** Deliver unchanged. */
    NO_ACTION,
    /** Answer 4xx the first time a sender/recipient/IP triplet is seen, accept the retry. */
    GREYLIST,
    /** Deliver with the X-Spam headers saying it is spam. */
    ADD_HEADER,
    /** Deliver with a marked subject, e.g. "*** SPAM *** original". */
    REWRITE_SUBJECT,
    /** Answer 4xx: try again later (rate limits land here). */
    SOFT_REJECT,
    /** Answer 5xx. */
    REJECT;

    /** The rspamd spelling: "no action", "add header", "soft reject"... */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * Reads an action as written in configuration: {@code add_header}, {@code add header},
     * {@code ADD_HEADER} and {@code add-header} all name {@link #ADD_HEADER}.
     */
    public static Optional<Action> parse(String text) {
        String normal = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (Action action : values()) {
            if (action.name().equals(normal)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    public boolean atLeast(Action other) {
        return compareTo(other) >= 0;
    }
}
