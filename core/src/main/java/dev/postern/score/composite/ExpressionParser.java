package dev.postern.score.composite;

/**
 * Parses rspamd's composite syntax: symbol names, {@code !} (not), {@code &} (and), {@code |}
 * (or) and parentheses. NOT binds tightest, then AND, then OR: {@code A & !B | C} is
 * {@code (A & (!B)) | C}. The words {@code and}, {@code or}, {@code not} are accepted too.
 */
public final class ExpressionParser {

    /** Deeper parentheses are a typo or an attack, never a useful rule; bounds the recursion. */
    static final int DEPTH_MAX = 64;

    private final String text;
    private int position;
    private int depth;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException saying where the expression is wrong and what was expected */
    public static Expression parse(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        Expression expression = parser.or();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.position) + "'; join symbols with & or |");
        }
        return expression;
    }

    private Expression or() {
        Expression left = and();
        while (accept("|") || acceptWord("or")) {
            left = new Expression.Or(left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = unary();
        while (accept("&") || acceptWord("and")) {
            left = new Expression.And(left, unary());
        }
        return left;
    }

    private Expression unary() {
        if (accept("!") || acceptWord("not")) {
            return new Expression.Not(unary());
        }
        if (accept("(")) {
            if (++depth > DEPTH_MAX) {
                throw error("parentheses nested deeper than " + DEPTH_MAX);
            }
            Expression inner = or();
            if (!accept(")")) {
                throw error("missing ')'");
            }
            depth--;
            return inner;
        }
        return new Expression.Ref(name());
    }

    private String name() {
        skipSpaces();
        int start = position;
        while (position < text.length() && isNameChar(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw error(position < text.length()
                ? "expected a symbol name, found '" + text.charAt(position) + "'"
                : "expected a symbol name, found the end");
        }
        return text.substring(start, position);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private boolean accept(String token) {
        skipSpaces();
        if (text.startsWith(token, position)) {
            position += token.length();
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        skipSpaces();
        int end = position + word.length();
        if (text.regionMatches(true, position, word, 0, word.length())
            && (end == text.length() || !isNameChar(text.charAt(end)))) {
            position = end;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("composite expression '" + text + "' at character " + (position + 1) + ": " + what);
    }
}
