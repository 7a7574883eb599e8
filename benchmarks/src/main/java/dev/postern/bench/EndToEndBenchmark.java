package dev.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.postern.it.PosternServer;

/**
 * One server of the end-to-end comparison, started from the distribution, warmed up, then fed
 * N messages by {@link SmtpLoad} (C connections) into an empty INBOX while {@link InboxWatcher}
 * counts arrivals. Counts only what is readable over IMAP at the end; reports messages/second
 * from the first MAIL FROM to the last message counted in the mailbox, latency from the end of
 * DATA to the first poll that counts the message (p50, p99; resolution
 * {@link InboxWatcher#POLL_INTERVAL}), and the JVM's resident memory at rest and after the run.
 *
 * <p>The warm-up sends the same kind of messages, over the same connections, to other users
 * ({@value #WARM_UP_BATCH} each):
 * the JIT has compiled the SMTP, spool, mailet and delivery paths of both servers before the
 * clock starts, and the measured INBOX starts empty for both (James's memory mailbox gets slower
 * as it grows, so both are measured at the same mailbox sizes).
 *
 * <p>Stock James runs {@code org.apache.james.MemoryJamesServerMain} with Postern's conf/
 * stripped of every Postern handler, mailet and module: James's own chain, same listeners.
 */
public final class EndToEndBenchmark {

    static final String USER = "bench@example.org";
    /** Warm-up messages per warm-up user: each warm-up INBOX stays as small as the measured one. */
    static final int WARM_UP_BATCH = 500;
    static final String PASSWORD = "bench-password";
    static final Duration ARRIVAL_TIMEOUT = Duration.ofMinutes(10);

    /**
     * @param cpuMillisPerMessage CPU time (user + system, every thread) the server's JVM used from the first message
     *     sent to the last one seen in the INBOX, divided by the messages: unlike the rate, it hardly depends on
     *     what else the machine runs
     * @param cpuMillisPerMessageByThreads the same, per group of the JVM's threads ({@link ThreadCpu}), largest first
     * @param storedHeader the header of the first measured message as the INBOX holds it: James's memory mailbox
     *     parses every stored header again at each delivery (its thread-id search), so its size costs throughput
     */
    public record Result(String name, int messages, double messagesPerSecond, long p50Millis, long p99Millis,
                         long restKilobytes, long loadedKilobytes, double cpuMillisPerMessage,
                         Map<String, Double> cpuMillisPerMessageByThreads, String storedHeader) {

        /** "N bytes in F fields". */
        public String storedHeaderSize() {
            long fields = storedHeader.lines().filter(line -> !line.isEmpty() && !Character.isWhitespace(line.charAt(0))).count();
            return storedHeader.length() + " bytes in " + fields + " fields";
        }
    }

    private final int messages;
    private final int warmUpMessages;
    private final int concurrency;

    public EndToEndBenchmark(int messages, int warmUpMessages, int concurrency) {
        this.messages = messages;
        this.warmUpMessages = warmUpMessages;
        this.concurrency = concurrency;
    }

    public Result run(String name, Path work, Map<String, String> environment, String... serverArguments) throws Exception {
        PosternServer server = PosternServer.withFreePorts(work.resolve("data"), environment);
        server.start(serverArguments);
        try {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);
            for (int batch = 0; batch * WARM_UP_BATCH < warmUpMessages; batch++) {
                server.webAdmin().addUser(warmUpUser(batch), PASSWORD);
            }
            Thread.sleep(5_000); // let start-up work settle before measuring memory at rest
            long rest = server.residentKilobytes();
            SmtpLoad load = new SmtpLoad(server.port(PosternServer.Listener.SMTP), concurrency);
            int imapPort = server.port(PosternServer.Listener.IMAP);
            warmUp(name, load, imapPort);
            return measure(name, load, imapPort, rest, server);
        } finally {
            server.stop();
        }
    }

    private void warmUp(String name, SmtpLoad load, int imapPort) throws Exception {
        for (int batch = 0; batch * WARM_UP_BATCH < warmUpMessages; batch++) {
            int count = Math.min(WARM_UP_BATCH, warmUpMessages - batch * WARM_UP_BATCH);
            String user = warmUpUser(batch);
            load.send(SmtpLoad.messages("warm-up ", count, user), user);
            try (InboxWatcher watcher = new InboxWatcher(imapPort, user, PASSWORD)) {
                long[] arrivals = watcher.awaitArrivals(count, ARRIVAL_TIMEOUT);
                if (arrivals[count - 1] == 0) {
                    throw new IllegalStateException(name + ": the warm-up messages did not all reach " + user
                        + "'s INBOX within " + ARRIVAL_TIMEOUT.toMinutes() + " minutes");
                }
            }
        }
    }

    private static String warmUpUser(int batch) {
        return "warm-up-" + batch + "@example.org";
    }

    private Result measure(String name, SmtpLoad load, int imapPort, long rest, PosternServer server) throws Exception {
        List<String> batch = SmtpLoad.messages("bench ", messages, USER);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (InboxWatcher watcher = new InboxWatcher(imapPort, USER, PASSWORD)) {
            if (watcher.count() != 0) {
                throw new IllegalStateException(name + ": " + USER + "'s INBOX is not empty before the run");
            }
            Duration cpuBefore = server.cpuTime();
            ThreadCpu threadsBefore = ThreadCpu.of(server.jvmPid());
            long start = System.nanoTime();
            Future<long[]> sending = client.submit(() -> load.send(batch, USER));
            long[] arrivals = watcher.awaitArrivals(messages, ARRIVAL_TIMEOUT);
            Duration cpu = server.cpuTime().minus(cpuBefore);
            Map<String, Double> byThreads = new LinkedHashMap<>();
            ThreadCpu.of(server.jvmPid()).millisSince(threadsBefore).forEach((group, millis) -> byThreads.put(group, millis / messages));
            long[] accepted = sending.get();
            long[] latencies = latenciesMillis(name, watcher.subjects(), arrivals, accepted);
            long end = Arrays.stream(arrivals).max().orElseThrow();
            double seconds = (end - start) / 1e9;
            return new Result(name, messages, messages / seconds, percentile(latencies, 50), percentile(latencies, 99),
                rest, server.residentKilobytes(), cpu.toNanos() / 1e6 / messages, byThreads, watcher.firstHeader());
        } finally {
            client.shutdown();
        }
    }

    /** Per message, sorted: from the 250 after DATA to the poll that counted it in the INBOX. */
    private long[] latenciesMillis(String name, List<String> subjects, long[] arrivals, long[] accepted) {
        long readable = subjects.stream().filter(subject -> subject != null && subject.startsWith("bench ")).distinct().count();
        if (readable < messages || subjects.size() != messages) {
            throw new IllegalStateException(name + ": " + readable + " of " + messages + " messages are readable in " + USER
                + "'s INBOX, which holds " + subjects.size() + " message(s)");
        }
        long[] latencies = new long[messages];
        for (int k = 0; k < messages; k++) {
            int index = Integer.parseInt(subjects.get(k).substring("bench ".length()).trim());
            latencies[k] = Math.max(0, arrivals[k] - accepted[index]) / 1_000_000;
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
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
        Path healthChecks = target.resolve("healthcheck.properties");
        if (Files.exists(healthChecks)) {
            Files.writeString(healthChecks, Files.readString(healthChecks).replaceAll("(?m)^additional\\.healthchecks=.*$", ""));
        }
        Files.writeString(target.resolve("extensions.properties"), "# stock James: no extension module\n");
        Files.writeString(target.resolve("jmx.properties"), "jmx.enabled=false\n");
        for (Path file : List.of(smtp, mailets, webadmin)) {
            if (Files.readString(file).contains("class=\"dev.postern") || Files.readString(file).contains("match=\"dev.postern")) {
                throw new IllegalStateException(file + " still names a Postern class; update stockConfiguration");
            }
        }
        try (var files = Files.list(target)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                if (Files.readAllLines(file).stream().anyMatch(line -> !line.startsWith("#") && line.contains("dev.postern"))) {
                    throw new IllegalStateException(file + " still names a Postern class; update stockConfiguration");
                }
            }
        }
        return target;
    }
}
