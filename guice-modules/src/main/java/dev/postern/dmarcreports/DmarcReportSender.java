package dev.postern.dmarcreports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.cluster.LeaseStore;
import dev.postern.dmarc.report.AggregateReport;
import dev.postern.dmarc.report.DmarcReportRecord;
import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.dmarc.report.ReportDestinations;
import dev.postern.dmarc.report.ReportPeriod;
import dev.postern.dmarc.report.ReportRow;

/**
 * Sends the pending aggregate reports (RFC 7489 section 7.2): for each period and policy domain
 * with records, one report, to the rua= addresses {@link ReportDestinations} accepts, through
 * {@link ReportMailer}. One server of a cluster sends at a time: the one holding lease
 * {@value #LEASE} ({@link LeaseStore}).
 *
 * <p>Records are deleted only once their report was handed to James, or when no address may
 * receive it (then the log says why). A DNS failure while verifying an address, or a failure
 * to hand the report over, keeps the records for the next run, and the log says what to fix.
 */
public class DmarcReportSender {

    private static final Logger LOGGER = LoggerFactory.getLogger(DmarcReportSender.class);

    /** The lease the sending server holds. */
    public static final String LEASE = "dmarc-reports";
    /** Longer than any send; a server that dies sending blocks the others no longer. */
    static final Duration LEASE_TIME = Duration.ofMinutes(10);

    private final DmarcReportSettings settings;
    private final DmarcReportStore store;
    private final LeaseStore leases;
    private final ReportDestinations destinations;
    private final ReportMailer mailer;
    private final Clock clock;
    private final String owner = "dmarc-reports/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    public DmarcReportSender(DmarcReportSettings settings, DmarcReportStore store, LeaseStore leases,
                             ReportDestinations destinations, ReportMailer mailer) {
        this(settings, store, leases, destinations, mailer, Clock.systemUTC());
    }

    public DmarcReportSender(DmarcReportSettings settings, DmarcReportStore store, LeaseStore leases,
                             ReportDestinations destinations, ReportMailer mailer, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.leases = leases;
        this.destinations = destinations;
        this.mailer = mailer;
        this.clock = clock;
    }

    public DmarcReportSettings settings() {
        return settings;
    }

    /** What happened to one report: {@code sent}, {@code kept} (for the next run) or {@code dropped}. */
    public record Report(String outcome, String policyDomain, ReportPeriod period, long messages, List<String> to, String detail) {
    }

    /** One domain's pending messages in one period. */
    public record Pending(String policyDomain, ReportPeriod period, long messages) {
    }

    /** Messages waiting to be reported, per period and policy domain. */
    public List<Pending> pending() {
        List<Pending> pending = new ArrayList<>();
        for (ReportPeriod period : store.periods()) {
            for (String domain : store.policyDomains(period)) {
                pending.add(new Pending(domain, period, store.records(domain, period).size()));
            }
        }
        return pending;
    }

    /**
     * Sends the reports of every period that has ended, and with {@code includeOpenPeriod} of the
     * current one too, its date range ending now. Empty when another server holds the lease.
     */
    public Optional<List<Report>> sendPending(boolean includeOpenPeriod) {
        if (!leases.tryAcquire(LEASE, owner, LEASE_TIME)) {
            return Optional.empty();
        }
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // date_range is in seconds
            List<Report> reports = new ArrayList<>();
            for (ReportPeriod period : store.periods()) {
                if (period.endedBy(now) || includeOpenPeriod) {
                    for (String domain : store.policyDomains(period)) {
                        send(domain, period, now).ifPresent(reports::add);
                    }
                }
            }
            return Optional.of(reports);
        } finally {
            leases.release(LEASE, owner);
        }
    }

    private Optional<Report> send(String domain, ReportPeriod period, Instant now) {
        List<DmarcReportRecord> records = store.records(domain, period);
        if (records.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = records.stream().map(DmarcReportRecord::id).toList();
        DmarcReportRecord latest = records.stream().max(Comparator.comparing(DmarcReportRecord::receivedAt)).orElseThrow();
        Instant end = period.endedBy(now) ? period.end() : now;
        String from = settings.from().orElseThrow();
        AggregateReport report = new AggregateReport(new AggregateReport.Metadata(settings.orgName(), from,
            reportId(domain, period, end), period.begin(), end), latest.policy(), ReportRow.group(records));
        ReportDestinations.Choice choice = destinations.choose(domain, latest.reportAddresses(), report.gzipped().length);
        choice.refused().forEach(reason -> LOGGER.warn("DMARC report for {}: not sent to {}", domain, reason));
        if (choice.retryLater()) {
            return Optional.of(new Report("kept", domain, period, records.size(), List.of(),
                "DNS failed while verifying an address; will try again at the next run"));
        }
        if (choice.addresses().isEmpty()) {
            store.delete(domain, period, ids);
            LOGGER.warn("DMARC report for {} ({} messages, {} .. {}) dropped: no rua= address of its policy may receive it",
                domain, records.size(), period.begin(), end);
            return Optional.of(new Report("dropped", domain, period, records.size(), List.of(), String.join("; ", choice.refused())));
        }
        try {
            mailer.send(report, from, choice.addresses());
        } catch (MessagingException | RuntimeException e) {
            LOGGER.warn("DMARC report for {} ({} messages) could not be handed to James ({}); kept for the next run."
                + " Check {} in conf/postern.properties and the mail queue", domain, records.size(), e.getMessage(),
                DmarcReportSettings.FROM, e);
            return Optional.of(new Report("kept", domain, period, records.size(), choice.addresses(), String.valueOf(e.getMessage())));
        }
        store.delete(domain, period, ids);
        LOGGER.info("DMARC report {} for {} sent to {}: {} messages in {} rows, {} .. {}", report.metadata().reportId(), domain,
            choice.addresses(), report.messages(), report.rows().size(), period.begin(), end);
        return Optional.of(new Report("sent", domain, period, records.size(), choice.addresses(), report.metadata().reportId()));
    }

    private static String reportId(String domain, ReportPeriod period, Instant end) {
        return period.begin().getEpochSecond() + "." + end.getEpochSecond() + "." + domain + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
