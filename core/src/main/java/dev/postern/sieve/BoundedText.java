package dev.postern.sieve;

/**
 * A value handed to java.util.regex that stops a match after {@link #READS_MAX} character reads.
 * Scripts are user-supplied and :regex / :matches patterns run on message data; a pattern with
 * catastrophic backtracking must not hold a delivery thread (draft-ietf-sieve-regex-01 section 6,
 * security considerations, asks implementations to bound regex cost).
 */
final class BoundedText implements CharSequence {

    /** Character reads allowed for one value against one pattern; ample for sane patterns. */
    static final long READS_MAX = 5_000_000L;

    /** Thrown when the budget is spent; MatchSpec turns it into a MatchException. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private final long[] reads;

    BoundedText(String text) {
        this(text, new long[1]);
    }

    private BoundedText(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > READS_MAX) {
            throw new BudgetExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
        return text;
    }
}
