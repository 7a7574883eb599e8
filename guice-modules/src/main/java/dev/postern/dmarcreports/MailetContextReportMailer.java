package dev.postern.dmarcreports;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import javax.activation.DataHandler;
import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.MailetContext;

import dev.postern.dmarc.report.AggregateReport;
import dev.postern.mailets.dkim.DkimSign;

/**
 * Mails a report as RFC 7489 section 7.2.1.1 describes: Subject "Report Domain: ... Submitter:
 * ... Report-ID: &lt;...&gt;", a short text part, and the gzipped XML as an
 * {@code application/gzip} attachment named {@code receiver!domain!begin!end.xml.gz}. It enters
 * James's spool through {@link MailetContext#sendMail}, as James's own bounces do, so it is
 * relayed like any mail a mailet sends ({@code SentByMailet} in {@code mailetcontainer.xml}), and
 * asks {@link DkimSign} to sign it ({@value DkimSign#SIGN_REQUEST}): it is From a local domain.
 */
public class MailetContextReportMailer implements ReportMailer {

    private final MailetContext mailetContext;

    @Inject
    public MailetContextReportMailer(MailetContext mailetContext) {
        this.mailetContext = mailetContext;
    }

    @Override
    public void send(AggregateReport report, String from, List<String> to) throws MessagingException {
        List<MailAddress> recipients = new ArrayList<>();
        for (String address : to) {
            recipients.add(new MailAddress(address));
        }
        MailImpl mail = MailImpl.builder()
            .name(MailImpl.getId())
            .sender(new MailAddress(from))
            .addRecipients(recipients)
            .mimeMessage(message(report, from, to))
            .addAttribute(new Attribute(AttributeName.of(DkimSign.SIGN_REQUEST), AttributeValue.of(true)))
            .build();
        try {
            mailetContext.sendMail(mail);
        } finally {
            mail.dispose();
        }
    }

    static MimeMessage message(AggregateReport report, String from, List<String> to) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, String.join(", ", to));
        message.setSubject(report.subject(), "UTF-8");
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(report.description(), "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(report.gzipped(), "application/gzip")));
        attachment.setFileName(report.fileName());
        attachment.setDisposition(Part.ATTACHMENT);
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(attachment);
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }
}
