package dev.postern.guice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.dmarc.report.ReportPeriod;
import dev.postern.dmarcreports.DmarcReportSender;
import dev.postern.dmarcreports.DmarcReportSettings;

/**
 * Sends the DMARC aggregate reports of each period once it has ended ({@code dmarc.reports.interval}
 * in conf/postern.properties, a day by default, periods starting at UTC midnight as RFC 7489
 * section 7.2 suggests), a little after its end ({@link DmarcReportSettings#grace()}), and once
 * shortly after start for periods that ended while the server was down. Every server of a
 * cluster runs it; the lease of {@link DmarcReportSender} lets one send. Nothing runs with
 * {@code dmarc.reports.enabled=false}. James starts it when {@code conf/extensions.properties}
 * lists it:
 * <pre>
 * guice.extension.startable=dev.postern.guice.DkimKeysStartable,dev.postern.guice.DmarcReportsStartable
 * </pre>
 */
public class DmarcReportsStartable implements UserDefinedStartable {

    private static final Logger LOGGER = LoggerFactory.getLogger(DmarcReportsStartable.class);

    private final DmarcReportSender sender;

    @Inject
    public DmarcReportsStartable(DmarcReportSender sender) {
        this.sender = sender;
    }

    @Override
    public void start() {
        DmarcReportSettings settings = sender.settings();
        if (!settings.enabled()) {
            LOGGER.info("DMARC aggregate reports are off ({}=false in conf/postern.properties)", DmarcReportSettings.ENABLED);
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "postern-dmarc-reports");
            thread.setDaemon(true);
            return thread;
        });
        Instant now = Clock.systemUTC().instant();
        Duration grace = settings.grace();
        Duration untilNext = Duration.between(now, ReportPeriod.containing(now, settings.interval()).end()).plus(grace);
        scheduler.schedule(this::run, grace.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::run, untilNext.toMillis(), settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOGGER.info("DMARC aggregate reports: every {}, from {} ({}), next at {}", settings.interval(), settings.from().orElseThrow(),
            settings.orgName(), now.plus(untilNext));
    }

    /** Never throws: a failure is logged and the next run tries again. */
    void run() {
        try {
            if (sender.sendPending(false).isEmpty()) {
                LOGGER.debug("DMARC reports: another server holds lease '{}'", DmarcReportSender.LEASE);
            }
        } catch (RuntimeException e) {
            LOGGER.warn("DMARC reports: sending failed (storage backend down?); the records are kept for the next run", e);
        }
    }
}
