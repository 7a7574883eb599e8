package dev.postern.score.rules;

import java.io.StringReader;

import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;
import org.apache.james.mime4j.field.datetime.parser.ParseException;

/**
 * RFC 5322 date-times (section 3.3, obsolete forms of section 4.3 included) read by mime4j's
 * parser, one parser per thread reset for each value ({@code ReInit}): a new parser allocates
 * about 40 KB of buffers, more than all the other rules of a scan together.
 */
final class DateTimes {

    private static final ThreadLocal<DateTimeParser> PARSER = ThreadLocal.withInitial(() -> new DateTimeParser(new StringReader("")));

    private DateTimes() {
    }

    /**
     * The date-time of {@code value}, which must hold nothing else.
     *
     * @throws ParseException when it is no date-time; the parser may also throw its
     *     {@code TokenMgrError} (an {@link Error}) on characters no date-time contains
     */
    static DateTime parse(String value) throws ParseException {
        DateTimeParser parser = PARSER.get();
        parser.ReInit(new StringReader(value));
        return parser.parseAll();
    }
}
