package dev.postern.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import javax.mail.FetchProfile;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import com.sun.mail.imap.IMAPFolder;

import dev.postern.it.ImapClient;

/**
 * Watches one user's INBOX over IMAP at a cost the server does not notice: during the run, one
 * {@code STATUS INBOX (MESSAGES)} (RFC 9051 section 6.3.11) every {@link #POLL_INTERVAL} on a
 * connection with no mailbox selected, so no FETCH or SEARCH of a growing mailbox competes with
 * delivery. Message number k (arrival order) is taken as seen at the first poll that counts k
 * messages or more. At the end, one FETCH of every envelope tells which message is which.
 */
final class InboxWatcher implements AutoCloseable {

    /** Latency resolution; 20 cheap commands a second. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final ImapClient imap;
    private final IMAPFolder inbox;

    InboxWatcher(int imapPort, String user, String password) throws MessagingException {
        this.imap = ImapClient.startTls(imapPort, user, password);
        this.inbox = (IMAPFolder) imap.folder("INBOX");
    }

    int count() throws MessagingException {
        return (Integer) inbox.doCommand(protocol -> protocol.status("INBOX", new String[] {"MESSAGES"}).total);
    }

    /**
     * Polls until the INBOX holds {@code expected} messages or {@code timeout} passes; returns the
     * {@link System#nanoTime()} at which message number k+1 was first counted (0: never).
     */
    long[] awaitArrivals(int expected, Duration timeout) throws MessagingException, InterruptedException {
        long[] arrivals = new long[expected];
        long deadline = System.nanoTime() + timeout.toNanos();
        int counted = 0;
        while (counted < expected && System.nanoTime() < deadline) {
            int count = Math.min(expected, count());
            long now = System.nanoTime();
            for (; counted < count; counted++) {
                arrivals[counted] = now;
            }
            if (counted < expected) {
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        return arrivals;
    }

    /** The subject of every message, in arrival (sequence number) order, fetched in one command. */
    List<String> subjects() throws MessagingException {
        inbox.open(Folder.READ_ONLY);
        try {
            Message[] messages = inbox.getMessages();
            FetchProfile envelope = new FetchProfile();
            envelope.add(FetchProfile.Item.ENVELOPE);
            inbox.fetch(messages, envelope);
            List<String> subjects = new ArrayList<>(messages.length);
            for (Message message : messages) {
                subjects.add(message.getSubject());
            }
            return subjects;
        } finally {
            inbox.close(false);
        }
    }

    /** The header of message 1 as stored (what James's mailbox parses when it searches), CRLF line ends. */
    String firstHeader() throws MessagingException {
        inbox.open(Folder.READ_ONLY);
        try {
            StringBuilder header = new StringBuilder();
            Enumeration<String> lines = ((MimeMessage) inbox.getMessage(1)).getAllHeaderLines();
            while (lines.hasMoreElements()) {
                header.append(lines.nextElement()).append("\r\n");
            }
            return header.toString();
        } finally {
            inbox.close(false);
        }
    }

    @Override
    public void close() throws MessagingException {
        imap.close();
    }
}
