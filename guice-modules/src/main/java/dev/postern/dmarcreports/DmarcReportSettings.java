package dev.postern.dmarcreports;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.postern.storage.SettingReader;

/**
 * The {@code dmarc.reports.*} settings of {@code conf/postern.properties}:
 * <pre>
 * dmarc.reports.enabled=false                # true: record what DMARC found and send aggregate reports
 * dmarc.reports.from=dmarc-reports@example.org   # required when enabled: the reports' From and envelope sender
 * dmarc.reports.org-name=                    # report_metadata/org_name; default: authentication.authserv-id
 * dmarc.reports.interval=P1D                 # ISO-8601, a whole divisor of a day: periods start at UTC midnight
 * </pre>
 * Off by default: reports tell other organizations which servers mail you and in what volume,
 * and they go out From an address you must choose, so an administrator turns them on.
 *
 * @param from the reporting address; empty when reports are off
 */
public record DmarcReportSettings(boolean enabled, Optional<String> from, String orgName, Duration interval) {

    public static final String ENABLED = "dmarc.reports.enabled";
    public static final String FROM = "dmarc.reports.from";
    public static final String ORG_NAME = "dmarc.reports.org-name";
    public static final String INTERVAL = "dmarc.reports.interval";
    /** RFC 7489 section 7.2: "the default is 86400 seconds", one report a day. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);
    /** How long after a period ends its reports are sent: lets the period's last messages be filed. */
    static final Duration MAX_GRACE = Duration.ofMinutes(5);

    public static final DmarcReportSettings OFF = new DmarcReportSettings(false, Optional.empty(), "", DEFAULT_INTERVAL);

    /** Reads the settings through {@code setting} (null when unset); errors name the key and say what to write. */
    public static DmarcReportSettings read(Function<String, String> setting, String defaultOrgName) {
        SettingReader read = new SettingReader(setting);
        String enabled = Optional.ofNullable(setting.apply(ENABLED)).map(String::strip).orElse("false").toLowerCase(Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException(ENABLED + ": give true or false, not '" + enabled + "'");
        }
        Duration interval = interval(read.optional(INTERVAL));
        String orgName = read.value(ORG_NAME, defaultOrgName);
        Optional<String> from = read.optional(FROM);
        if (enabled.equals("false")) {
            return new DmarcReportSettings(false, from, orgName, interval);
        }
        if (from.isEmpty() || from.get().indexOf('@') <= 0 || from.get().endsWith("@")) {
            throw new IllegalArgumentException(FROM + ": with " + ENABLED + "=true, give the address the reports are sent from"
                + " (e.g. dmarc-reports@example.org; replies and bounces go there), not '" + from.orElse("") + "'");
        }
        return new DmarcReportSettings(true, from, orgName, interval);
    }

    /** When a period's reports go out after it ends: a tenth of the interval, at most five minutes. */
    public Duration grace() {
        Duration tenth = interval.dividedBy(10);
        return tenth.compareTo(MAX_GRACE) < 0 ? tenth : MAX_GRACE;
    }

    private static Duration interval(Optional<String> setting) {
        if (setting.isEmpty()) {
            return DEFAULT_INTERVAL;
        }
        String text = setting.get();
        Duration interval;
        try {
            interval = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(INTERVAL + "=" + text + ": write an ISO-8601 duration such as P1D (a day) or PT1H");
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || Duration.ofDays(1).toMillis() % interval.toMillis() != 0) {
            throw new IllegalArgumentException(INTERVAL + "=" + text + ": give at least PT1S and a whole divisor of a day"
                + " (P1D, PT12H, PT1H, ...), so that periods start at UTC midnight (RFC 7489 section 7.2)");
        }
        return interval;
    }
}
