package dev.postern.spf;

/**
 * Why an evaluation ended in {@link SpfResult#TEMPERROR} or {@link SpfResult#PERMERROR}. The
 * message names the problem and, where it helps, what the domain owner should fix.
 */
public final class SpfException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SpfResult result;

    SpfException(SpfResult result, String message) {
        super(message);
        if (result != SpfResult.TEMPERROR && result != SpfResult.PERMERROR) {
            throw new IllegalArgumentException("only errors are exceptions, not " + result);
        }
        this.result = result;
    }

    static SpfException permerror(String message) {
        return new SpfException(SpfResult.PERMERROR, message);
    }

    static SpfException temperror(String message) {
        return new SpfException(SpfResult.TEMPERROR, message);
    }

    /** {@link SpfResult#TEMPERROR} or {@link SpfResult#PERMERROR}. */
    public SpfResult result() {
        return result;
    }
}
