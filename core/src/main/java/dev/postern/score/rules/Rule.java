package dev.postern.score.rules;

import java.util.List;

/** A check of a message. Implementations are small, thread-safe and never throw on bad input. */
public interface Rule {

    /** The rule's findings; empty when it has nothing to say. */
    List<Hit> check(RuleInput input);
}
