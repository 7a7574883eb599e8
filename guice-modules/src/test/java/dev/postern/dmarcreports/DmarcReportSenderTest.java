package dev.postern.dmarcreports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.junit.jupiter.api.Test;

import dev.postern.cluster.InMemoryLeaseStore;
import dev.postern.cluster.LeaseStore;
import dev.postern.dmarc.Policy;
import dev.postern.dmarc.PublicSuffixList;
import dev.postern.dmarc.report.AggregateReport;
import dev.postern.dmarc.report.DmarcReportRecord;
import dev.postern.dmarc.report.DmarcReportStore;
import dev.postern.dmarc.report.InMemoryDmarcReportStore;
import dev.postern.dmarc.report.PublishedPolicy;
import dev.postern.dmarc.report.ReportDestinations;
import dev.postern.dmarc.report.ReportPeriod;
import dev.postern.dns.StaticResolver;
import dev.postern.testing.MutableClock;

class DmarcReportSenderTest {

    private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");
    private static final ReportPeriod YESTERDAY = ReportPeriod.containing(NOW.minus(Duration.ofDays(1)), Duration.ofDays(1));
    private static final ReportPeriod TODAY = ReportPeriod.containing(NOW, Duration.ofDays(1));

    private final MutableClock clock = new MutableClock(NOW);
    private final DmarcReportStore store = new InMemoryDmarcReportStore();
    private final LeaseStore leases = new InMemoryLeaseStore(clock);
    private final StaticResolver dns = new StaticResolver();
    private final List<String> mailed = new ArrayList<>();
    private boolean mailerFails;
    private final DmarcReportSettings settings = DmarcReportSettings.read(Map.of(DmarcReportSettings.ENABLED, "true",
        DmarcReportSettings.FROM, "dmarc-reports@mx.example.org")::get, "mx.example.org");
    private final ReportMailer mailer = (AggregateReport report, String from, List<String> to) -> {
        if (mailerFails) {
            throw new MessagingException("spool full");
        }
        mailed.add(report.policy().domain() + " " + report.messages() + " " + to);
    };
    private final DmarcReportSender sender = new DmarcReportSender(settings, store, leases,
        new ReportDestinations(dns, PublicSuffixList.guava()), mailer, clock);

    private static DmarcReportRecord record(String id, String domain, String rua, Instant at) {
        return new DmarcReportRecord(id, at, PublishedPolicy.of(domain, Policy.REJECT), List.of(rua), "192.0.2.1", domain, domain,
            new DmarcReportRecord.SpfAuth(domain, "mfrom", "pass"), List.of(), Policy.NONE, false, true, List.of());
    }

    @Test
    void anEndedPeriodIsSentOnceAndItsRecordsDeleted() {
        store.add(YESTERDAY, record("1", "example.com", "mailto:dmarc@example.com", YESTERDAY.begin()));
        store.add(YESTERDAY, record("2", "example.com", "mailto:dmarc@example.com", YESTERDAY.begin().plusSeconds(1)));
        store.add(TODAY, record("3", "example.com", "mailto:dmarc@example.com", TODAY.begin()));

        assertThat(sender.sendPending(false)).hasValueSatisfying(reports ->
            assertThat(reports).extracting(DmarcReportSender.Report::outcome).containsExactly("sent"));
        assertThat(mailed).containsExactly("example.com 2 [dmarc@example.com]");
        assertThat(store.periods()).containsExactly(TODAY);

        assertThat(sender.sendPending(false)).hasValue(List.of());
        assertThat(mailed).hasSize(1);
    }

    @Test
    void sendingNowIncludesTheCurrentPeriod() {
        store.add(TODAY, record("3", "example.com", "mailto:dmarc@example.com", TODAY.begin()));
        assertThat(sender.sendPending(true).orElseThrow()).singleElement()
            .satisfies(report -> assertThat(report.outcome()).isEqualTo("sent"));
        assertThat(store.periods()).isEmpty();
    }

    @Test
    void aReportJamesDidNotTakeIsKeptForTheNextRun() {
        store.add(YESTERDAY, record("1", "example.com", "mailto:dmarc@example.com", YESTERDAY.begin()));
        mailerFails = true;
        assertThat(sender.sendPending(false).orElseThrow()).extracting(DmarcReportSender.Report::outcome).containsExactly("kept");
        assertThat(store.records("example.com", YESTERDAY)).hasSize(1);

        mailerFails = false;
        assertThat(sender.sendPending(false).orElseThrow()).extracting(DmarcReportSender.Report::outcome).containsExactly("sent");
        assertThat(store.periods()).isEmpty();
    }

    @Test
    void aDnsFailureVerifyingAnExternalAddressKeepsTheRecords() {
        dns.failing("example.com._report._dmarc.reports.example");
        store.add(YESTERDAY, record("1", "example.com", "mailto:dmarc@reports.example", YESTERDAY.begin()));
        assertThat(sender.sendPending(false).orElseThrow()).extracting(DmarcReportSender.Report::outcome).containsExactly("kept");
        assertThat(mailed).isEmpty();
        assertThat(store.records("example.com", YESTERDAY)).hasSize(1);
    }

    @Test
    void aReportNoAddressMayReceiveIsDropped() {
        store.add(YESTERDAY, record("1", "example.com", "mailto:dmarc@unverified.example", YESTERDAY.begin()));
        assertThat(sender.sendPending(false).orElseThrow()).extracting(DmarcReportSender.Report::outcome).containsExactly("dropped");
        assertThat(mailed).isEmpty();
        assertThat(store.periods()).isEmpty();
    }

    @Test
    void whileAnotherServerHoldsTheLeaseNothingIsSent() {
        store.add(YESTERDAY, record("1", "example.com", "mailto:dmarc@example.com", YESTERDAY.begin()));
        assertThat(leases.tryAcquire(DmarcReportSender.LEASE, "other-server", Duration.ofMinutes(10))).isTrue();

        assertThat(sender.sendPending(false)).isEmpty();
        assertThat(mailed).isEmpty();
        assertThat(store.records("example.com", YESTERDAY)).hasSize(1);
    }

    @Test
    void settingsSayWhatToWrite() {
        assertThat(DmarcReportSettings.read(key -> null, "mx.example.org"))
            .isEqualTo(new DmarcReportSettings(false, Optional.empty(), "mx.example.org", Duration.ofDays(1)));
        assertThatThrownBy(() -> DmarcReportSettings.read(Map.of(DmarcReportSettings.ENABLED, "true")::get, "mx"))
            .hasMessageStartingWith(DmarcReportSettings.FROM);
        assertThatThrownBy(() -> DmarcReportSettings.read(Map.of(DmarcReportSettings.INTERVAL, "PT7M")::get, "mx"))
            .hasMessageStartingWith(DmarcReportSettings.INTERVAL).hasMessageContaining("divisor of a day");
        assertThat(DmarcReportSettings.read(Map.of(DmarcReportSettings.INTERVAL, "PT1H")::get, "mx").grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(DmarcReportSettings.read(Map.of(DmarcReportSettings.INTERVAL, "PT10S")::get, "mx").grace()).isEqualTo(Duration.ofSeconds(1));
    }
}
