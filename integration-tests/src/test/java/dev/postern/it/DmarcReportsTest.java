package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.SMTP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dkim.OpenDkim;
import dev.postern.dmarc.report.AggregateReportSchema;
import dev.postern.dns.LoopbackDnsServer;

/**
 * DMARC aggregate reports end to end (RFC 7489 section 7.2): mail from domains whose policy
 * asks for reports comes in over SMTP (aligned passes, forgeries refused or quarantined), then
 * {@code POST /postern/dmarc/reports?action=send} mails one report per domain through James
 * to the SMTP sink standing for the Internet (RemoteDelivery's gateway). The report is taken
 * out of the mail, gunzipped, validated against RFC 7489 Appendix C's schema and read by
 * Python's XML parser; counts, results and dispositions must be those of the mail sent. A
 * destination outside the domain gets the report only when it published the section 7.1 record.
 */
class DmarcReportsTest {

    static final Duration DELIVERY = Duration.ofSeconds(60);
    static final String READER = "integration-tests/src/test/resources/dmarc/read_aggregate_report.py";

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LoopbackDnsServer dns;
    static SmtpSink sink;
    static PosternServer postern;

    @BeforeAll
    static void start() throws Exception {
        dns = LoopbackDnsServer.start();
        dns.add("aligned.test. 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "_dmarc.aligned.test. 300 IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@aligned.test\"",
            "partner.test. 300 IN TXT \"v=spf1 -all\"",
            "_dmarc.partner.test. 300 IN TXT \"v=DMARC1; p=quarantine; rua=mailto:reports@thirdparty.test,mailto:dmarc@unverified.test\"",
            "partner.test._report._dmarc.thirdparty.test. 300 IN TXT \"v=DMARC1\"",
            "norua.test. 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "_dmarc.norua.test. 300 IN TXT \"v=DMARC1; p=none\"");
        sink = SmtpSink.start();
        Path conf = work.resolve("conf");
        PosternServer.copyConfiguration(conf);
        PosternServer.relayOutgoingMailTo(conf, sink.port());
        PosternServer.replaceSetting(conf, "dmarc.reports.enabled=false", "dmarc.reports.enabled=true");
        PosternServer.replaceSetting(conf, "dmarc.reports.from=", "dmarc.reports.from=dmarc-reports@example.org");
        PosternServer.replaceSetting(conf, "dmarc.reports.org-name=", "dmarc.reports.org-name=Postern IT");

        postern = PosternServer.withFreePorts(data, Map.of("POSTERN_DNS", dns.address())).start("--conf", conf.toString());
        postern.webAdmin().addDomain("example.org");
        postern.webAdmin().addUser("me@example.org", "secret-Passw0rd");
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(postern, sink, dns);
    }

    @Test
    void oneReportPerDomainCountsWhatCameInAndFollowsAppendixC() throws Exception {
        int smtp = postern.port(SMTP);
        for (int i = 0; i < 2; i++) {
            assertThat(SmtpClient.send(smtp, "news@aligned.test", "me@example.org",
                SmtpClient.message("news@aligned.test", "me@example.org", "aligned " + i, "hello"))).startsWith("250");
        }
        assertThat(SmtpClient.send(smtp, "ceo@forger.test", "me@example.org",
            SmtpClient.message("ceo@aligned.test", "me@example.org", "forged", "wire the money"))).startsWith("550");
        assertThat(SmtpClient.send(smtp, "billing@forger.test", "me@example.org",
            SmtpClient.message("billing@partner.test", "me@example.org", "invoice", "pay"))).startsWith("250");
        assertThat(SmtpClient.send(smtp, "a@norua.test", "me@example.org",
            SmtpClient.message("a@norua.test", "me@example.org", "no reports wanted", "hi"))).startsWith("250");

        String pending = postern.webAdmin().get("/postern/dmarc/reports");
        assertThat(pending).contains("\"domain\":\"aligned.test\"").contains("\"messages\":3")
            .contains("\"domain\":\"partner.test\"").doesNotContain("norua.test");

        String sent = postern.webAdmin().post("/postern/dmarc/reports?action=send");
        assertThat(sent).contains("\"outcome\":\"sent\"").doesNotContain("\"kept\"");

        String aligned = sink.await("Report Domain: aligned.test", DELIVERY);
        String partner = sink.await("Report Domain: partner.test", DELIVERY);
        assertThat(aligned).contains("Submitter: example.org").containsPattern("Report-ID:\\s+<").containsPattern("(?m)^To: dmarc@aligned\\.test");
        assertThat(partner).containsPattern("(?m)^To: reports@thirdparty\\.test\\s*$").doesNotContain("unverified.test");

        // From a local domain: DkimSign signs the reports; OpenDKIM verifies them with the keys the server proposes.
        DkimTest.zoneRecords(postern.webAdmin().get("/postern/dns-records/example.org?format=zone")).forEach(dns::add);
        assertThat(OpenDkim.verifyWithDns(aligned.getBytes(StandardCharsets.ISO_8859_1), dns.address()))
            .extracting(OpenDkim.Verdict::result, OpenDkim.Verdict::algorithm, OpenDkim.Verdict::domain)
            .containsExactlyInAnyOrder(tuple("pass", "rsa-sha256", "example.org"), tuple("pass", "ed25519-sha256", "example.org"));

        String alignedXml = report(aligned, "example.org!aligned.test!");
        String partnerXml = report(partner, "example.org!partner.test!");
        AggregateReportSchema.validate(alignedXml);
        AggregateReportSchema.validate(partnerXml);
        assertThat(alignedXml).contains("<org_name>Postern IT</org_name>").contains("<email>dmarc-reports@example.org</email>")
            .contains("<p>reject</p>");

        assertThat(python(alignedXml)).containsExactlyInAnyOrder(
            "aligned.test 127.0.0.1 2 none fail pass aligned.test aligned.test pass -",
            "aligned.test 127.0.0.1 1 reject fail fail aligned.test forger.test none -");
        assertThat(python(partnerXml)).containsExactly(
            "partner.test 127.0.0.1 1 quarantine fail fail partner.test forger.test none -");

        Thread.sleep(2000); // nothing more may come: one report per domain, none for norua.test
        assertThat(sink.messages()).filteredOn(m -> m.contains("Report Domain: aligned.test")).hasSize(1);
        assertThat(sink.messages()).filteredOn(m -> m.contains("Report Domain: partner.test")).hasSize(1);
        assertThat(sink.messages()).noneMatch(m -> m.contains("Report Domain: norua.test"));
        assertThat(postern.webAdmin().get("/postern/dmarc/reports")).doesNotContain("aligned.test").doesNotContain("partner.test");
    }

    /** The gzipped XML attachment of a report mail, named {@code prefix...xml.gz} (RFC 7489 section 7.2.1.1). */
    static String report(String mail, String prefix) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(mail.getBytes(StandardCharsets.ISO_8859_1)));
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null && part.getFileName().startsWith(prefix) && part.getFileName().endsWith(".xml.gz")) {
                assertThat(part.getContentType()).startsWith("application/gzip");
                try (InputStream in = new GZIPInputStream(part.getInputStream())) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no attachment named " + prefix + "...xml.gz in:\n" + mail);
    }

    /** The report's records as Python's xml.etree reads them (one line each, see the script). */
    static List<String> python(String xml) throws IOException, InterruptedException {
        Path file = Files.writeString(work.resolve("report-" + System.nanoTime() + ".xml"), xml);
        Path root = Path.of(System.getProperty("postern.root", ".."));
        Process process = new ProcessBuilder("/usr/bin/python3", root.resolve(READER).toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return new ArrayList<>(output.lines().toList());
    }
}
