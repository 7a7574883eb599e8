package dev.postern.it;

import java.io.IOException;
import java.io.Writer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;

/**
 * A real SMTP client (Apache Commons Net) that exposes every reply code, so tests can assert
 * what the server answered at each step. Trusts the server's self-signed certificate.
 */
public final class SmtpClient implements AutoCloseable {

    private final AuthenticatingSMTPClient client;

    private SmtpClient(AuthenticatingSMTPClient client) {
        this.client = client;
    }

    /** Plain connection (STARTTLS possible later). */
    public static SmtpClient connect(int port) throws IOException {
        return open(new AuthenticatingSMTPClient("TLS", false), port);
    }

    /** Implicit TLS, as on the SMTPS port (RFC 8314). */
    public static SmtpClient connectTls(int port) throws IOException {
        return open(new AuthenticatingSMTPClient("TLS", true), port);
    }

    /** Submission as a mail client does it: EHLO, STARTTLS, EHLO, AUTH PLAIN. */
    public static SmtpClient submission(int port, String user, String password) throws IOException, NoSuchAlgorithmException {
        SmtpClient smtp = connect(port);
        smtp.ehlo();
        if (!smtp.startTls()) {
            throw new IOException("STARTTLS refused: " + smtp.reply());
        }
        smtp.ehlo();
        if (!smtp.authenticate(user, password)) {
            throw new IOException("AUTH refused: " + smtp.reply());
        }
        return smtp;
    }

    private static SmtpClient open(AuthenticatingSMTPClient client, int port) throws IOException {
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setDefaultTimeout(30_000);
        client.connect("127.0.0.1", port);
        client.setSoTimeout(30_000);
        return new SmtpClient(client);
    }

    public int ehlo() throws IOException {
        return client.ehlo("client.postern.test");
    }

    public boolean startTls() throws IOException, NoSuchAlgorithmException {
        return client.execTLS();
    }

    public boolean authenticate(String user, String password) throws IOException {
        try {
            return client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | InvalidKeyException e) {
            throw new IOException(e);
        }
    }

    public int mailFrom(String address) throws IOException {
        return client.mail("<" + address + ">");
    }

    public int rcptTo(String address) throws IOException {
        return client.rcpt("<" + address + ">");
    }

    public int reset() throws IOException {
        return client.rset();
    }

    /** Sends DATA and the message; the reply code to the final dot. */
    public int data(String message) throws IOException {
        Writer writer = client.sendMessageData();
        if (writer == null) {
            return client.getReplyCode();
        }
        writer.write(message);
        writer.close();
        client.completePendingCommand();
        return client.getReplyCode();
    }

    /** The last reply, code and text. */
    public String reply() {
        return client.getReplyString().trim();
    }

    public String[] replyLines() {
        return client.getReplyStrings();
    }

    /** MAIL, RCPT for each recipient, DATA: fails with the server's reply when a step is refused. */
    public void send(String from, String message, String... recipients) throws IOException {
        expect(2, mailFrom(from));
        for (String recipient : recipients) {
            expect(2, rcptTo(recipient));
        }
        expect(2, data(message));
    }

    private void expect(int klass, int code) throws IOException {
        if (code / 100 != klass) {
            throw new IOException("SMTP server answered: " + reply());
        }
    }

    /** MAIL FROM, RCPT TO (both must be accepted), DATA: the reply to DATA ("250 ...", "554 ..."). */
    public static String send(int port, String from, String to, String message) throws IOException {
        try (SmtpClient smtp = connect(port)) {
            smtp.ehlo();
            smtp.expect(2, smtp.mailFrom(from));
            smtp.expect(2, smtp.rcptTo(to));
            smtp.data(message);
            return smtp.reply();
        }
    }

    /** A message that breaks no header rule (Date and Message-ID included). */
    public static String datedMessage(String from, String to, String subject, String messageId, String body) {
        return message(from, to, subject, "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n",
            messageId, body);
    }

    public static String datedMessage(String from, String to, String subject, String body) {
        return datedMessage(from, to, subject, newMessageId(), body);
    }

    /** Without a Date field. */
    public static String message(String from, String to, String subject, String body) {
        return message(from, to, subject, "", newMessageId(), body);
    }

    private static String message(String from, String to, String subject, String dateField, String messageId, String body) {
        return "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + dateField
            + "Message-ID: " + messageId + "\r\n"
            + "\r\n"
            + body + "\r\n";
    }

    private static String newMessageId() {
        return "<" + UUID.randomUUID() + "@postern.test>";
    }

    @Override
    public void close() throws IOException {
        if (client.isConnected()) {
            try {
                client.quit();
            } finally {
                client.disconnect();
            }
        }
    }
}
