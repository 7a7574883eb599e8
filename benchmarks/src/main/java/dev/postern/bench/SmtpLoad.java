package dev.postern.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.postern.it.SmtpClient;

/**
 * The load client: a fixed number of SMTP connections, each sending messages one after the
 * other (MAIL, RCPT, DATA) as fast as the server answers, from a shared counter. The messages
 * are built before the clock starts so that the client spends its CPU on the protocol only.
 */
final class SmtpLoad {

    static final String SENDER = "load@remote.example";

    private final int port;
    private final int concurrency;

    SmtpLoad(int port, int concurrency) {
        this.port = port;
        this.concurrency = concurrency;
    }

    /**
     * Sends {@code messages} to {@code recipient}; returns, per message, the {@link System#nanoTime()}
     * at which the server accepted it (the 250 after DATA's final dot).
     */
    long[] send(List<String> messages, String recipient) throws Exception {
        long[] accepted = new long[messages.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> connections = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                connections.add(pool.submit(() -> {
                    try (SmtpClient smtp = SmtpClient.connect(port)) {
                        smtp.ehlo();
                        for (int i = next.getAndIncrement(); i < messages.size(); i = next.getAndIncrement()) {
                            smtp.send(SENDER, messages.get(i), recipient);
                            accepted[i] = System.nanoTime();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> connection : connections) {
                connection.get();
            }
        } finally {
            pool.shutdown();
        }
        return accepted;
    }

    /** About two kilobytes of plain text, like a short personal mail; the subject carries the index. */
    static String message(String subjectPrefix, int index, String recipient) {
        return "From: " + SENDER + "\r\n"
            + "To: " + recipient + "\r\n"
            + "Subject: " + subjectPrefix + index + "\r\n"
            + "Message-ID: <" + subjectPrefix.trim() + "-" + index + "@remote.example>\r\n"
            + "Date: Sun, 29 Nov 2026 12:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + ("A benchmark message of about two kilobytes, like a short personal mail. ").repeat(28) + "\r\n";
    }

    static List<String> messages(String subjectPrefix, int count, String recipient) {
        List<String> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(message(subjectPrefix, i, recipient));
        }
        return List.copyOf(messages);
    }
}
