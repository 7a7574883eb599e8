package dev.postern.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verdict on one message.
 *
 * @param score the sum of the symbols' scores
 * @param requiredScore the threshold of the reject action (rspamd's "required_score"), NaN if reject has none
 * @param action what to do
 * @param symbols the symbols, in the order they were emitted
 * @param forcedBy the symbol that forced the action regardless of score (GTUBE, RATELIMITED, GREYLIST), if any
 */
public record ScanResult(double score, double requiredScore, Action action, List<Symbol> symbols,
                         Optional<String> forcedBy) {

    /** Header names, as SpamAssassin and rspamd's milter write them. */
    public static final String SCORE_HEADER = "X-Spam-Score";
    public static final String ACTION_HEADER = "X-Spam-Action";
    public static final String SYMBOLS_HEADER = "X-Spam-Symbols";

    /** Header lines stay readable: options longer than this are cut, as rspamd does in its milter headers. */
    private static final int OPTION_HEADER_LENGTH_MAX = 64;
    /** Options per symbol in the header; RFC 5322 section 2.1.1 limits lines to 998 characters. The JSON has them all. */
    private static final int OPTIONS_IN_HEADER_MAX = 3;

    public ScanResult {
        Objects.requireNonNull(action, "action");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(forcedBy, "forcedBy");
    }

    public Optional<Symbol> symbol(String name) {
        return symbols.stream().filter(symbol -> symbol.name().equals(name)).findFirst();
    }

    public boolean has(String name) {
        return symbol(name).isPresent();
    }

    /** X-Spam-Score value: "7.30 / 15.00". */
    public String scoreHeader() {
        return number(score) + " / " + number(requiredScore);
    }

    /** X-Spam-Action value: the rspamd word, e.g. "add header". */
    public String actionHeader() {
        return action.word();
    }

    /** X-Spam-Symbols value: "NAME(score)[option,option], ..." in ASCII, without line breaks. */
    public String symbolsHeader() {
        return symbols.stream()
            .map(symbol -> symbol.name() + "(" + number(symbol.score()) + ")"
                + (symbol.options().isEmpty() ? "" : symbol.options().stream()
                    .limit(OPTIONS_IN_HEADER_MAX)
                    .map(ScanResult::headerSafe).collect(Collectors.joining(",", "[", "]"))))
            .collect(Collectors.joining(", "));
    }

    /**
     * The three headers in order, name to value, for a mailet to add. Values are single lines;
     * fold the symbols header at ", " when it exceeds 78 characters (RFC 5322 section 2.2.3).
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SCORE_HEADER, scoreHeader());
        headers.put(ACTION_HEADER, actionHeader());
        headers.put(SYMBOLS_HEADER, symbolsHeader());
        return headers;
    }

    /**
     * One line of JSON in rspamd's /checkv2 shape:
     * {@code {"score":7.3,"required_score":15,"action":"add header","forced_by":null,"symbols":{"NAME":{"name":"NAME","score":1.5,"options":["x"]}}}}.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"score\":").append(jsonNumber(score))
            .append(",\"required_score\":").append(jsonNumber(requiredScore))
            .append(",\"action\":").append(jsonString(action.word()))
            .append(",\"forced_by\":").append(forcedBy.map(ScanResult::jsonString).orElse("null"))
            .append(",\"symbols\":{");
        for (int i = 0; i < symbols.size(); i++) {
            Symbol symbol = symbols.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append(jsonString(symbol.name())).append(":{\"name\":").append(jsonString(symbol.name()))
                .append(",\"score\":").append(jsonNumber(symbol.score())).append(",\"options\":[");
            for (int j = 0; j < symbol.options().size(); j++) {
                if (j > 0) {
                    json.append(',');
                }
                json.append(jsonString(symbol.options().get(j)));
            }
            json.append("]}");
        }
        return json.append("}}").toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "nan" : fixed(value, 2);
    }

    /** JSON has no NaN or infinity (RFC 8259 section 6): those become null. Two decimals, no trailing zeros. */
    static String jsonNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        String text = fixed(value, 4);
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * {@code String.format(Locale.ROOT, "%.<decimals>f", value)} without the Formatter (three calls per
     * scanned message showed in profiles of the mail path): the same digits, half up from the
     * shortest decimal form of the double, sign kept for -0.0.
     */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
        String digits = BigDecimal.valueOf(Math.abs(value)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return Double.doubleToRawLongBits(value) < 0 ? "-" + digits : digits;
    }

    /** A JSON string (RFC 8259 section 7): quotes, backslash and control characters escaped. */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Header values are ASCII without controls (RFC 5322 section 2.2); the brackets and comma delimit options. */
    private static String headerSafe(String option) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < option.length() && out.length() < OPTION_HEADER_LENGTH_MAX; i++) {
            char c = option.charAt(i);
            out.append(c < 0x20 || c > 0x7e || c == '[' || c == ']' || c == ',' ? '?' : c);
        }
        return out.toString();
    }
}
