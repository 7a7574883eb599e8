package dev.postern.dmarcreports;

import java.time.Clock;
import java.time.Instant;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.dmarc.report.DmarcReportRecords;
import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.dmarc.report.ReportPeriod;
import dev.postern.inbound.AuthenticationOutcome;
import dev.postern.inbound.Decision;

/**
 * Files the aggregate report record of each checked message (RFC 7489 section 7.2) when
 * {@code dmarc.reports.enabled=true} and the sender's policy asks for reports (rua=mailto:...).
 * A message answered 451 is not counted: it will be sent and checked again. Never throws: a
 * store that fails loses one record, never the mail.
 */
public class DmarcReportRecorder {

    private static final Logger LOGGER = LoggerFactory.getLogger(DmarcReportRecorder.class);

    private final DmarcReportSettings settings;
    private final DmarcReportStore store;
    private final Clock clock;

    @Inject
    public DmarcReportRecorder(DmarcReportSettings settings, DmarcReportStore store) {
        this(settings, store, Clock.systemUTC());
    }

    public DmarcReportRecorder(DmarcReportSettings settings, DmarcReportStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /** @param mailName James's name of the mail: unique, so a retried write counts once */
    public void record(String mailName, AuthenticationOutcome outcome) {
        if (!settings.enabled() || outcome.decision().action() == Decision.Action.DEFER) {
            return;
        }
        Instant now = clock.instant();
        try {
            DmarcReportRecords.of(mailName, now, outcome)
                .ifPresent(record -> store.add(ReportPeriod.containing(now, settings.interval()), record));
        } catch (RuntimeException e) {
            LOGGER.warn("DMARC report: could not file the record of {} for {} (storage backend down?); its report will miss it",
                mailName, outcome.dmarc().policyDomain().orElse(outcome.dmarc().fromDomain()), e);
        }
    }
}
