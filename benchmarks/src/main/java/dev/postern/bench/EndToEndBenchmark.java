package dev.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Folder;
import javax.mail.Message;

import dev.postern.it.ImapClient;
import dev.postern.it.PosternServer;
import dev.postern.it.SmtpClient;

/**
 * Stock James 3.8.1 and Postern, started one after the other from the same distribution, fed
 * the same messages by the same SMTP load (N messages over C connections) into one empty
 * INBOX. Counts only what is readable over IMAP; reports messages/second from the first MAIL
 * FROM to the last message seen in the mailbox, latency from the end of DATA to first sight in
 * the mailbox (p50, p99), and the JVM's resident memory at rest and after the run.
 *
 * <p>Stock James runs {@code org.apache.james.MemoryJamesServerMain} with Postern's conf/
 * stripped of every Postern handler, mailet and module: James's own chain, same listeners.
 */
public final class EndToEndBenchmark {

    public record Result(String name, int messages, double messagesPerSecond, long p50Millis, long p99Millis,
                         long restKilobytes, long loadedKilobytes) {
    }

    private final int messages;
    private final int concurrency;

    public EndToEndBenchmark(int messages, int concurrency) {
        this.messages = messages;
        this.concurrency = concurrency;
    }

    public Result run(String name, Path work, Map<String, String> environment, String... serverArguments) throws Exception {
        PosternServer server = PosternServer.withFreePorts(work.resolve("data"), environment);
        server.start(serverArguments);
        try {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser("bench@example.org", "bench-password");
            Thread.sleep(5_000); // let start-up work settle before measuring memory at rest
            long rest = server.residentKilobytes();
            long[] sent = new long[messages];
            long[] seen = new long[messages];
            long start = System.nanoTime();
            Thread watcher = new Thread(() -> watch(server, seen), "imap-watcher");
            watcher.start();
            send(server.port(PosternServer.Listener.SMTP), sent);
            watcher.join(Duration.ofMinutes(10).toMillis());
            long end = Arrays.stream(seen).max().orElse(start);
            long delivered = Arrays.stream(seen).filter(time -> time > 0).count();
            if (delivered < messages) {
                throw new IllegalStateException(name + ": only " + delivered + " of " + messages + " messages reached the mailbox");
            }
            long[] latencies = new long[messages];
            for (int i = 0; i < messages; i++) {
                latencies[i] = Math.max(0, seen[i] - sent[i]) / 1_000_000;
            }
            Arrays.sort(latencies);
            double seconds = (end - start) / 1e9;
            return new Result(name, messages, messages / seconds, latencies[messages / 2],
                latencies[Math.min(messages - 1, (int) Math.ceil(messages * 0.99) - 1)], rest, server.residentKilobytes());
        } finally {
            server.stop();
        }
    }

    private void send(int port, long[] sent) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(pool.submit(() -> {
                try (SmtpClient smtp = SmtpClient.connect(port)) {
                    smtp.ehlo();
                    for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                        smtp.send("load@remote.example", message(i), "bench@example.org");
                        sent[i] = System.nanoTime();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
    }

    static String message(int index) {
        return "From: load@remote.example\r\n"
            + "To: bench@example.org\r\n"
            + "Subject: bench " + index + "\r\n"
            + "Message-ID: <bench-" + index + "@remote.example>\r\n"
            + "Date: Sun, 29 Nov 2026 12:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + ("A benchmark message of about two kilobytes, like a short personal mail. ").repeat(28) + "\r\n";
    }

    /** Polls the INBOX and notes when each message is first seen. */
    private void watch(PosternServer server, long[] seen) {
        Map<Integer, Boolean> found = new ConcurrentHashMap<>();
        try (ImapClient imap = ImapClient.startTls(server.port(PosternServer.Listener.IMAP), "bench@example.org", "bench-password")) {
            Folder inbox = imap.folder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int known = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (found.size() < messages && System.nanoTime() < deadline) {
                int count = inbox.getMessageCount();
                if (count > known) {
                    long now = System.nanoTime();
                    for (Message message : inbox.getMessages(known + 1, count)) {
                        String subject = message.getSubject();
                        if (subject != null && subject.startsWith("bench ")) {
                            int index = Integer.parseInt(subject.substring(6).trim());
                            if (found.putIfAbsent(index, true) == null) {
                                seen[index] = now;
                            }
                        }
                    }
                    known = count;
                } else {
                    Thread.sleep(20);
                }
            }
            inbox.close(false);
        } catch (Exception e) {
            throw new IllegalStateException("watching the INBOX failed", e);
        }
    }

    /** Postern's conf/ without Postern: James's own handlers and chain, no extension module. */
    public static Path stockConfiguration(Path postern, Path target) throws IOException {
        Files.createDirectories(target);
        try (var files = Files.list(postern)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        Path smtp = target.resolve("smtpserver.xml");
        Files.writeString(smtp, Files.readString(smtp)
            .replace("dev.postern.smtp.SubaddressValidRcptHandler", "org.apache.james.smtpserver.fastfail.ValidRcptHandler")
            .replaceAll("<handler class=\"dev\\.postern[^\"]*\"/>", ""));
        Path mailets = target.resolve("mailetcontainer.xml");
        Files.writeString(mailets, Files.readString(mailets)
            .replaceAll("(?s)<mailet match=\"[^\"]*\" class=\"dev\\.postern\\.mailets\\.sieve\\.ExtendedSieve\">.*?</mailet>",
                "<mailet match=\"All\" class=\"Sieve\"><onMailetException>ignore</onMailetException></mailet>")
            .replaceAll("(?s)<mailet match=\"[^\"]*\" class=\"dev\\.postern[^\"]*\"/>", "")
            .replaceAll("(?s)<mailet match=\"[^\"]*\" class=\"dev\\.postern[^\"]*\">.*?</mailet>", ""));
        Path webadmin = target.resolve("webadmin.properties");
        Files.writeString(webadmin, Files.readString(webadmin).replaceAll("(?m)^extensions\\.routes=.*$", ""));
        Path listeners = target.resolve("listeners.xml");
        if (Files.exists(listeners)) {
            Files.writeString(listeners, Files.readString(listeners)
                .replaceAll("(?s)<listener>\\s*<class>dev\\.postern[^<]*</class>.*?</listener>", ""));
        }
        Files.writeString(target.resolve("extensions.properties"), "# stock James: no extension module\n");
        Files.writeString(target.resolve("jmx.properties"), "jmx.enabled=false\n");
        for (Path file : List.of(smtp, mailets, webadmin)) {
            if (Files.readString(file).contains("class=\"dev.postern") || Files.readString(file).contains("match=\"dev.postern")) {
                throw new IllegalStateException(file + " still names a Postern class; update stockConfiguration");
            }
        }
        return target;
    }
}
