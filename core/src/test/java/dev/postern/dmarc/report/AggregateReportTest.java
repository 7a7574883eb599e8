package dev.postern.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import dev.postern.dns.StaticResolver;
import dev.postern.inbound.AuthenticationOutcome;
import dev.postern.inbound.InboundPolicy;
import dev.postern.inbound.MessageAuthenticator;
import dev.postern.spf.SpfVerdict;

class AggregateReportTest {

    private static final ReportPeriod PERIOD = ReportPeriod.containing(Instant.parse("2026-03-04T12:00:00Z"), Duration.ofDays(1));

    /** Two senders for one domain that publishes rua=: one aligned by SPF, one forging its From. */
    private final StaticResolver zones = new StaticResolver()
        .txt("aligned.example", "v=spf1 ip4:192.0.2.10 -all")
        .txt("_dmarc.aligned.example", "v=DMARC1; p=quarantine; sp=reject; pct=100; rua=mailto:dmarc@aligned.example!10m, https://ignored.example/");

    private AuthenticationOutcome check(String client, String mailFrom, String from) throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put(InboundPolicy.AUTHSERV_ID, "mx.example.org");
        MessageAuthenticator authenticator = new MessageAuthenticator(zones, InboundPolicy.read(settings::get));
        SpfVerdict spf = authenticator.spf(InetAddress.getByName(client), mailFrom, "mail.sender.example");
        byte[] message = ("From: " + from + "\r\nTo: me@example.org\r\nSubject: s\r\n\r\nhi\r\n").getBytes(StandardCharsets.UTF_8);
        return authenticator.message(spf, message);
    }

    private AggregateReport report() throws IOException {
        DmarcReportStore store = new InMemoryDmarcReportStore();
        store.add(PERIOD, DmarcReportRecords.of("m1", PERIOD.begin().plusSeconds(10), check("192.0.2.10", "news@aligned.example", "news@aligned.example")).orElseThrow());
        store.add(PERIOD, DmarcReportRecords.of("m2", PERIOD.begin().plusSeconds(20), check("192.0.2.10", "news@aligned.example", "news@aligned.example")).orElseThrow());
        store.add(PERIOD, DmarcReportRecords.of("m3", PERIOD.begin().plusSeconds(30), check("::1", "ceo@forger.example", "ceo@aligned.example")).orElseThrow());
        DmarcReportRecord latest = store.records("aligned.example", PERIOD).get(0);
        return new AggregateReport(new AggregateReport.Metadata("Postern Test", "dmarc-reports@mx.example.org", "r-1", PERIOD.begin(), PERIOD.end()),
            latest.policy(), store.rows("aligned.example", PERIOD));
    }

    @Test
    void aMessageIsRecordedOnlyWhenItsPolicyAsksForMailedReports() throws IOException {
        DmarcReportRecord record = DmarcReportRecords.of("m1", PERIOD.begin(), check("192.0.2.10", "news@aligned.example", "news@aligned.example")).orElseThrow();
        assertThat(record.reportAddresses()).containsExactly("mailto:dmarc@aligned.example!10485760");
        assertThat(record.policyDomain()).isEqualTo("aligned.example");
        assertThat(record.spfAligned()).isTrue();

        zones.txt("norua.example", "v=spf1 ip4:192.0.2.10 -all").txt("_dmarc.norua.example", "v=DMARC1; p=reject");
        assertThat(DmarcReportRecords.of("m2", PERIOD.begin(), check("192.0.2.10", "a@norua.example", "a@norua.example"))).isEmpty();
        assertThat(DmarcReportRecords.of("m3", PERIOD.begin(), check("192.0.2.10", "a@nodmarc.example", "a@nodmarc.example"))).isEmpty();
    }

    @Test
    void theReportFollowsAppendixCAndCountsEachRow() throws Exception {
        AggregateReport report = report();
        String xml = report.xml();
        AggregateReportSchema.validate(xml);

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        javax.xml.xpath.XPath xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("/feedback/report_metadata/date_range/begin", document)).isEqualTo(String.valueOf(PERIOD.begin().getEpochSecond()));
        assertThat(xpath.evaluate("/feedback/policy_published/p", document)).isEqualTo("quarantine");
        assertThat(xpath.evaluate("/feedback/policy_published/sp", document)).isEqualTo("reject");
        assertThat(xpath.evaluate("count(/feedback/record)", document)).isEqualTo("2");
        assertThat(xpath.evaluate("/feedback/record[1]/row/count", document)).isEqualTo("2");
        assertThat(xpath.evaluate("/feedback/record[1]/row/policy_evaluated/spf", document)).isEqualTo("pass");
        assertThat(xpath.evaluate("/feedback/record[1]/row/policy_evaluated/disposition", document)).isEqualTo("none");
        assertThat(xpath.evaluate("/feedback/record[2]/row/source_ip", document)).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(xpath.evaluate("/feedback/record[2]/row/policy_evaluated/disposition", document)).isEqualTo("quarantine");
        assertThat(xpath.evaluate("/feedback/record[2]/row/policy_evaluated/dkim", document)).isEqualTo("fail");
        assertThat(xpath.evaluate("/feedback/record[2]/identifiers/envelope_from", document)).isEqualTo("forger.example");
        assertThat(xpath.evaluate("/feedback/record[2]/auth_results/spf/result", document)).isEqualTo("none");
        assertThat(report.messages()).isEqualTo(3);
    }

    @Test
    void theAttachmentIsGzippedAndNamedAsSection7211Says() throws IOException {
        AggregateReport report = report();
        assertThat(report.fileName()).isEqualTo("mx.example.org!aligned.example!" + PERIOD.begin().getEpochSecond() + "!"
            + PERIOD.end().getEpochSecond() + ".xml.gz");
        assertThat(report.subject()).isEqualTo("Report Domain: aligned.example Submitter: mx.example.org Report-ID: <r-1>");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(report.gzipped()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(report.xml());
        }
    }

    @Test
    void theSchemaRejectsWhatAppendixCDoesNotAllow() throws IOException {
        String xml = report().xml();
        assertThatThrownBy(() -> AggregateReportSchema.validate(xml.replace("0:0:0:0:0:0:0:1", "::1")))
            .isInstanceOf(SAXException.class).hasMessageContaining("::1");
        assertThatThrownBy(() -> AggregateReportSchema.validate(xml.replace("<version>1.0</version>", "")))
            .isInstanceOf(SAXException.class);
    }

    @Test
    void reportsGoOnlyToMailtoAddressesThatAcceptThemAndFit() {
        zones.txt("aligned.example._report._dmarc.reports.example", "v=DMARC1");
        ReportDestinations destinations = new ReportDestinations(zones, dev.postern.dmarc.PublicSuffixList.guava());
        ReportDestinations.Choice choice = destinations.choose("aligned.example", List.of("mailto:dmarc@aligned.example",
            "mailto:dmarc@sub.aligned.example?subject=x", "mailto:dmarc@reports.example", "mailto:dmarc@unverified.example",
            "mailto:small@aligned.example!100", "https://reports.example/"), 200);
        assertThat(choice.addresses()).containsExactly("dmarc@aligned.example", "dmarc@sub.aligned.example", "dmarc@reports.example");
        assertThat(choice.refused()).hasSize(3).anySatisfy(reason -> assertThat(reason).contains("aligned.example._report._dmarc.unverified.example"))
            .anySatisfy(reason -> assertThat(reason).contains("section 6.2"));
        assertThat(choice.retryLater()).isFalse();

        zones.failing("aligned.example._report._dmarc.down.example");
        assertThat(destinations.choose("aligned.example", List.of("mailto:dmarc@down.example"), 200).retryLater()).isTrue();
    }
}
