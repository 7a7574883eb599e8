package dev.postern.dmarcreports;

import java.util.List;

import javax.mail.MessagingException;

import dev.postern.dmarc.report.AggregateReport;

/** Hands one aggregate report to the mail server for delivery; returns once it has it (queued). */
public interface ReportMailer {

    void send(AggregateReport report, String from, List<String> to) throws MessagingException;
}
