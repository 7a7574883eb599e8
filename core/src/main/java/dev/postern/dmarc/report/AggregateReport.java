package dev.postern.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import dev.postern.dmarc.report.DmarcReportRecord.DkimAuth;
import dev.postern.dmarc.report.DmarcReportRecord.OverrideReason;

/**
 * One aggregate report (RFC 7489 section 7.2): the XML of Appendix C for one policy domain and
 * one period, gzipped, with the file name and Subject of section 7.2.1.1.
 *
 * <pre>{@code
 * AggregateReport report = new AggregateReport(new AggregateReport.Metadata("Example Mail", "dmarc@mx.example.net",
 *     reportId, period.begin(), period.end()), policy, store.rows("example.com", period));
 * byte[] attachment = report.gzipped();   // named report.fileName()
 * }</pre>
 *
 * @param policy the policy published, as last seen in the period
 * @param rows the {@code <record>}s, at least one
 */
public record AggregateReport(Metadata metadata, PublishedPolicy policy, List<ReportRow> rows) {

    /** Appendix C's feedback/version: the schema this report follows. */
    public static final String VERSION = "1.0";

    /**
     * Appendix C's report_metadata.
     *
     * @param orgName who reports (the receiving organization)
     * @param email where the domain owner can write back: the reports' From address
     * @param reportId unique among this receiver's reports
     * @param begin the period's start (date_range begin, seconds since the epoch)
     * @param end the period's end
     */
    public record Metadata(String orgName, String email, String reportId, Instant begin, Instant end) {

        /** The receiver's domain: the part of {@code email} after the "@". */
        public String receiver() {
            return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        }
    }

    public AggregateReport {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an aggregate report has at least one record (RFC 7489 Appendix C)");
        }
    }

    /** Messages counted in the report. */
    public long messages() {
        return rows.stream().mapToLong(ReportRow::count).sum();
    }

    /** Section 7.2.1.1: {@code receiver "!" policy-domain "!" begin-timestamp "!" end-timestamp ".xml.gz"}. */
    public String fileName() {
        return metadata.receiver() + "!" + policy.domain() + "!" + metadata.begin().getEpochSecond() + "!"
            + metadata.end().getEpochSecond() + ".xml.gz";
    }

    /** Section 7.2.1.1: {@code Report Domain: ... Submitter: ... Report-ID: <...>}. */
    public String subject() {
        return "Report Domain: " + policy.domain() + " Submitter: " + metadata.receiver() + " Report-ID: <" + metadata.reportId() + ">";
    }

    /** A few lines for people, the body section 7.2.1.1 says the report mail SHOULD have. */
    public String description() {
        return "This is a DMARC aggregate report (RFC 7489) from " + metadata.orgName() + " for " + policy.domain()
            + ":\r\n" + messages() + " message(s) from " + metadata.begin() + " to " + metadata.end() + ".\r\n"
            + "The report is attached: " + fileName() + "\r\n";
    }

    /** The report gzipped, as section 7.2.1.1 asks for mailed reports. */
    public byte[] gzipped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(xml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The XML document of Appendix C (no namespace, as receivers send and report parsers expect). */
    public String xml() {
        Xml xml = new Xml();
        xml.open("feedback");
        xml.element("version", VERSION);
        xml.open("report_metadata");
        xml.element("org_name", metadata.orgName());
        xml.element("email", metadata.email());
        xml.element("report_id", metadata.reportId());
        xml.open("date_range");
        xml.element("begin", String.valueOf(metadata.begin().getEpochSecond()));
        xml.element("end", String.valueOf(metadata.end().getEpochSecond()));
        xml.close("date_range");
        xml.close("report_metadata");
        xml.open("policy_published");
        xml.element("domain", policy.domain());
        xml.element("adkim", policy.adkim().keyword());
        xml.element("aspf", policy.aspf().keyword());
        xml.element("p", policy.policy().keyword());
        xml.element("sp", policy.subdomainPolicy().keyword());
        xml.element("pct", String.valueOf(policy.percent()));
        xml.element("fo", policy.failureOptions());
        xml.close("policy_published");
        rows.forEach(row -> record(xml, row));
        xml.close("feedback");
        return xml.text();
    }

    private static void record(Xml xml, ReportRow row) {
        xml.open("record");
        xml.open("row");
        xml.element("source_ip", row.sourceIp());
        xml.element("count", String.valueOf(row.count()));
        xml.open("policy_evaluated");
        xml.element("disposition", row.disposition().keyword());
        xml.element("dkim", row.dkimAligned() ? "pass" : "fail");
        xml.element("spf", row.spfAligned() ? "pass" : "fail");
        for (OverrideReason reason : row.reasons()) {
            xml.open("reason");
            xml.element("type", reason.type());
            if (reason.comment() != null && !reason.comment().isEmpty()) {
                xml.element("comment", reason.comment());
            }
            xml.close("reason");
        }
        xml.close("policy_evaluated");
        xml.close("row");
        xml.open("identifiers");
        xml.element("envelope_from", row.envelopeFrom());
        xml.element("header_from", row.headerFrom());
        xml.close("identifiers");
        xml.open("auth_results");
        for (DkimAuth dkim : row.dkim()) {
            xml.open("dkim");
            xml.element("domain", dkim.domain());
            if (!dkim.selector().isEmpty()) {
                xml.element("selector", dkim.selector());
            }
            xml.element("result", dkim.result());
            xml.close("dkim");
        }
        xml.open("spf");
        xml.element("domain", row.spf().domain());
        xml.element("scope", row.spf().scope());
        xml.element("result", row.spf().result());
        xml.close("spf");
        xml.close("auth_results");
        xml.close("record");
    }

    /** Indented elements with escaped text. */
    private static final class Xml {
        private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        private int depth;

        void open(String name) {
            indent().append('<').append(name).append(">\n");
            depth++;
        }

        void close(String name) {
            depth--;
            indent().append("</").append(name).append(">\n");
        }

        void element(String name, String text) {
            indent().append('<').append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
        }

        String text() {
            return out.toString();
        }

        private StringBuilder indent() {
            return out.append("  ".repeat(depth));
        }

        private static String escape(String text) {
            StringBuilder escaped = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '<' -> escaped.append("&lt;");
                    case '>' -> escaped.append("&gt;");
                    case '&' -> escaped.append("&amp;");
                    default -> escaped.append(c < 0x20 && c != '\t' ? ' ' : c); // XML 1.0 forbids other controls
                }
            }
            return escaped.toString();
        }
    }
}
