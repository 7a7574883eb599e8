package dev.postern.authresults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads Authentication-Results field values (RFC 8601 section 2.2): comments and folding
 * whitespace anywhere, quoted-strings, an optional version, "none", and resinfos with reasons
 * and properties.
 *
 * <p>RFC 8601 section 5: a receiver must remove fields that claim its own authserv-id before it
 * adds its own, since they were not written by it. {@link #claims} answers exactly that, and
 * reads only as far as the authserv-id, so a field malformed further on is still recognised.
 */
public final class AuthenticationResultsParser {

    /** One parsed field. */
    public record Parsed(String authservId, OptionalInt version, List<MethodResult> results) {
    }

    /** Says where a field is malformed. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private final String text;
    private int position;

    private AuthenticationResultsParser(String text) {
        this.text = text;
    }

    /**
     * The authserv-id of a field value, or empty when there is none to read. {@code value} may
     * include the "Authentication-Results:" name.
     */
    public static Optional<String> authservId(String value) {
        AuthenticationResultsParser parser = new AuthenticationResultsParser(withoutName(value));
        try {
            parser.skipCfws();
            String id = parser.value(false);
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (MalformedException e) {
            return Optional.empty();
        }
    }

    /**
     * True when the field claims to come from one of {@code authservIds} (compared without
     * regard to case): such a field in an incoming message is forged, and RFC 8601 section 5
     * says to remove it.
     */
    public static boolean claims(String value, Collection<String> authservIds) {
        return authservId(value)
            .map(id -> authservIds.stream().anyMatch(own -> own.equalsIgnoreCase(id)))
            .orElse(false);
    }

    public static boolean claims(String value, String authservId) {
        return claims(value, List.of(authservId));
    }

    /** Reads the whole field. */
    public static Parsed parse(String value) throws MalformedException {
        return new AuthenticationResultsParser(withoutName(value)).parse();
    }

    private static String withoutName(String value) {
        String name = AuthenticationResults.NAME + ":";
        return value.regionMatches(true, 0, name, 0, name.length()) ? value.substring(name.length()) : value;
    }

    private Parsed parse() throws MalformedException {
        skipCfws();
        String id = value(false);
        if (id.isEmpty()) {
            throw malformed("the field must begin with an authserv-id");
        }
        skipCfws();
        OptionalInt version = OptionalInt.empty();
        if (position < text.length() && Character.isDigit(text.charAt(position))) {
            String digits = word(false);
            if (!digits.chars().allMatch(Character::isDigit)) {
                throw malformed("after the authserv-id comes a version number or ';', not '" + digits + "'");
            }
            version = OptionalInt.of(Integer.parseInt(digits));
            skipCfws();
        }
        List<MethodResult> results = new ArrayList<>();
        while (position < text.length()) {
            expect(';');
            skipCfws();
            if (position >= text.length()) {
                break; // a trailing ";" is common in the wild
            }
            String method = word(true);
            skipCfws();
            if (results.isEmpty() && method.equalsIgnoreCase("none") && atEndOrSemicolon()) {
                continue;
            }
            expect('=');
            skipCfws();
            String result = word(false);
            if (method.isEmpty() || result.isEmpty()) {
                throw malformed("a result must be written method=result");
            }
            MethodResult methodResult = MethodResult.of(method, result);
            skipCfws();
            while (!atEndOrSemicolon()) {
                String key = word(true);
                skipCfws();
                expect('=');
                skipCfws();
                String propertyValue = value(true);
                if (key.equalsIgnoreCase("reason")) {
                    methodResult = methodResult.reason(propertyValue);
                } else {
                    int dot = key.indexOf('.');
                    if (dot <= 0 || dot == key.length() - 1) {
                        throw malformed("property '" + key + "' must be written ptype.property, e.g. smtp.mailfrom");
                    }
                    methodResult = methodResult.with(key.substring(0, dot).toLowerCase(Locale.ROOT),
                        key.substring(dot + 1).toLowerCase(Locale.ROOT), propertyValue);
                }
                skipCfws();
            }
            results.add(methodResult);
        }
        return new Parsed(id, version, List.copyOf(results));
    }

    private boolean atEndOrSemicolon() {
        return position >= text.length() || text.charAt(position) == ';';
    }

    private void expect(char c) throws MalformedException {
        if (position >= text.length() || text.charAt(position) != c) {
            throw malformed("expected '" + c + "'");
        }
        position++;
    }

    /** value = token / quoted-string; for pvalues also local-part@domain, read as one word. */
    private String value(boolean pvalue) throws MalformedException {
        if (position < text.length() && text.charAt(position) == '"') {
            return quotedString();
        }
        return word(false);
    }

    /** A run of characters up to white space, ';', a comment or a quote; and '=' when {@code stopAtEquals}. */
    private String word(boolean stopAtEquals) {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isWhitespace(c) || c == ';' || c == '(' || c == '"' || (stopAtEquals && c == '=')) {
                break;
            }
            position++;
        }
        return text.substring(start, position);
    }

    private String quotedString() throws MalformedException {
        StringBuilder out = new StringBuilder();
        position++;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && position < text.length()) {
                out.append(text.charAt(position++));
            } else if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        throw malformed("a quoted string is not closed");
    }

    /** CFWS of RFC 5322 section 3.2.2: white space, folding, and nested comments with quoted-pairs. */
    private void skipCfws() throws MalformedException {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '(') {
                int depth = 0;
                do {
                    if (position >= text.length()) {
                        throw malformed("a comment is not closed");
                    }
                    char d = text.charAt(position++);
                    if (d == '\\') {
                        position++;
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')') {
                        depth--;
                    }
                } while (depth > 0);
            } else {
                return;
            }
        }
    }

    private MalformedException malformed(String problem) {
        return new MalformedException("Authentication-Results: " + problem + " at position " + position + " of '" + text.strip() + "'");
    }
}
