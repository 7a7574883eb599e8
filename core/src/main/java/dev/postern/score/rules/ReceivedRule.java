package dev.postern.score.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.dom.datetime.DateTime;

/**
 * FORGED_RECEIVED when a Received header cannot have been written by a mail server: without the
 * "by" clause or the date that RFC 5321 section 4.4 requires, with an address literal that is no
 * address, or dated far in the future. Spamware inserts such headers to fake a path.
 */
public final class ReceivedRule implements Rule {

    /** Clocks drift and time zones get mislabelled; a day ahead is not drift any more. */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private static final Pattern BY = Pattern.compile("(?i)(^|\\s|\\))by\\s");
    private static final Pattern LITERAL = Pattern.compile("\\[(\\d{1,3}(?:\\.\\d{1,3}){3})]");

    @Override
    public List<Hit> check(RuleInput input) {
        List<String> reasons = new ArrayList<>();
        for (String received : input.message().headers("Received")) {
            String problem = problem(received, input.now());
            if (problem != null) {
                reasons.add(problem);
            }
        }
        return reasons.isEmpty() ? List.of() : List.of(new Hit("FORGED_RECEIVED", 1.0, reasons, Optional.empty()));
    }

    static String problem(String received, Instant now) {
        int semicolon = received.lastIndexOf(';');
        if (semicolon < 0) {
            return "no date";
        }
        String clauses = received.substring(0, semicolon);
        if (!BY.matcher(clauses).find()) {
            return "no by clause";
        }
        Matcher literal = LITERAL.matcher(clauses);
        while (literal.find()) {
            for (String octet : literal.group(1).split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return "bad address " + literal.group(1);
                }
            }
        }
        String date = received.substring(semicolon + 1).trim();
        try {
            DateTime parsed = DateTimes.parse(date);
            if (parsed.getDate().toInstant().isAfter(now.plus(FUTURE_TOLERANCE))) {
                return "future date " + date.toLowerCase(Locale.ROOT);
            }
        } catch (Exception | Error e) { // TokenMgrError on stray characters
            return "bad date";
        }
        return null;
    }
}
