package dev.postern.dmarc.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time a report covers, {@code [begin, end)}. Periods are multiples of the reporting
 * interval counted from the epoch, so that a day-long period starts at UTC midnight, as
 * RFC 7489 section 7.2 suggests ("reports ... SHOULD begin at midnight UTC").
 */
public record ReportPeriod(Instant begin, Instant end) implements Comparable<ReportPeriod> {

    public ReportPeriod {
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(begin)) {
            throw new IllegalArgumentException("a report period ends after it begins: " + begin + " .. " + end);
        }
    }

    /** The period of {@code interval} that holds {@code instant}. */
    public static ReportPeriod containing(Instant instant, Duration interval) {
        long length = interval.toMillis();
        if (length <= 0) {
            throw new IllegalArgumentException("a reporting interval is longer than 0 ms, not " + interval);
        }
        long begin = Math.floorDiv(instant.toEpochMilli(), length) * length;
        return new ReportPeriod(Instant.ofEpochMilli(begin), Instant.ofEpochMilli(begin + length));
    }

    /** True when the period is over at {@code now}. */
    public boolean endedBy(Instant now) {
        return !end.isAfter(now);
    }

    @Override
    public int compareTo(ReportPeriod other) {
        int byBegin = begin.compareTo(other.begin);
        return byBegin != 0 ? byBegin : end.compareTo(other.end);
    }
}
