package dev.postern.score.composite;

import java.util.Set;
import java.util.function.Predicate;

/** A boolean expression over symbol names. Build with {@link ExpressionParser#parse(String)}. */
public sealed interface Expression {

    boolean test(Predicate<String> present);

    /**
     * The symbols this expression matched and that a removal policy may remove: those reached
     * without passing a NOT (rspamd never removes a symbol it required to be absent).
     */
    void matchedParts(Predicate<String> present, Set<String> into);

    /** Every symbol name the expression mentions. */
    void names(Set<String> into);

    record Ref(String name) implements Expression {
        public boolean test(Predicate<String> present) {
            return present.test(name);
        }

        public void matchedParts(Predicate<String> present, Set<String> into) {
            if (present.test(name)) {
                into.add(name);
            }
        }

        public void names(Set<String> into) {
            into.add(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Not(Expression operand) implements Expression {
        public boolean test(Predicate<String> present) {
            return !operand.test(present);
        }

        public void matchedParts(Predicate<String> present, Set<String> into) {
        }

        public void names(Set<String> into) {
            operand.names(into);
        }

        @Override
        public String toString() {
            return "!" + operand;
        }
    }

    record And(Expression left, Expression right) implements Expression {
        public boolean test(Predicate<String> present) {
            return left.test(present) && right.test(present);
        }

        public void matchedParts(Predicate<String> present, Set<String> into) {
            left.matchedParts(present, into);
            right.matchedParts(present, into);
        }

        public void names(Set<String> into) {
            left.names(into);
            right.names(into);
        }

        @Override
        public String toString() {
            return "(" + left + " & " + right + ")";
        }
    }

    record Or(Expression left, Expression right) implements Expression {
        public boolean test(Predicate<String> present) {
            return left.test(present) || right.test(present);
        }

        public void matchedParts(Predicate<String> present, Set<String> into) {
            left.matchedParts(present, into);
            right.matchedParts(present, into);
        }

        public void names(Set<String> into) {
            left.names(into);
            right.names(into);
        }

        @Override
        public String toString() {
            return "(" + left + " | " + right + ")";
        }
    }
}
