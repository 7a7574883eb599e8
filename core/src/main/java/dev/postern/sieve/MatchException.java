package dev.postern.sieve;

import org.apache.jsieve.exception.SieveException;

/** A match that cannot be carried out: bad regex, comparator without the operation. */
public final class MatchException extends SieveException {
    private static final long serialVersionUID = 1L;

    public MatchException(String message) {
        super("sieve: " + message);
    }
}
