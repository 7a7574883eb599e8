package dev.postern.sieve;

import java.util.Locale;

/** RFC 5231 section 5: the relational operators of :count and :value. */
public enum Relation {
    GT, GE, LT, LE, EQ, NE;

    public static Relation parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean holds(int comparison) {
        return switch (this) {
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
        };
    }
}
