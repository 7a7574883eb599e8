package dev.postern.score.rules;

import java.util.List;
import java.util.Optional;

/** MISSING_DATE when there is no Date header (required by RFC 5322 section 3.6), INVALID_DATE when it is not a date-time (section 3.3). */
public final class DateRule implements Rule {

    @Override
    public List<Hit> check(RuleInput input) {
        Optional<String> date = input.message().header("Date");
        if (date.isEmpty()) {
            return List.of(Hit.of("MISSING_DATE"));
        }
        return isDateTime(date.get()) ? List.of() : List.of(Hit.of("INVALID_DATE", date.get()));
    }

    static boolean isDateTime(String value) {
        try {
            DateTimes.parse(value);
            return true;
        } catch (Exception | Error e) { // the generated parser throws TokenMgrError on stray characters
            return false;
        }
    }
}
