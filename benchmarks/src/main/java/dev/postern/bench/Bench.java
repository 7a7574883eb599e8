package dev.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import dev.postern.dns.LoopbackDnsServer;
import dev.postern.it.PosternServer;

/**
 * {@code ./postern bench [--messages N] [--concurrency C] [--warm-up W] [--rounds R] [--java-options OPTS]}:
 * the end-to-end comparison of stock James and Postern, printed as a Markdown table with
 * ratios, ready for BENCHMARKS.md.
 *
 * <p>Three servers, each round in this order: stock James (its own main class and chain), James's
 * chain on Postern's server (Postern's main class, whose thread-id table removes the memory
 * mailbox's search at each delivery), and Postern (main class and chain). Stock against Postern
 * is what a user gets by choosing Postern; the second against the third is the cost of Postern's
 * chain alone. Rounds repeat the three so that a change of load on a shared machine falls on
 * all; the summary compares the medians of the rounds.
 * The load average (/proc/loadavg) before and after each run is printed with it: figures taken
 * under another load are not comparable; the server's CPU time per message (its JVM's user +
 * system time over the measured run, {@code CPU ms/msg}) depends much less on the load, and is the
 * figure to compare on a shared machine.
 */
public final class Bench {

    /** The launcher's production JVM options, for both servers. */
    static final String JVM_OPTIONS = "-Xms256m -Xmx1g";
    static final String STOCK = "stock James 3.8.1";
    /**
     * Postern's server (its thread-id table and other bindings, see PosternServerMain) running
     * James's own chain: set against Postern, it isolates the cost of Postern's chain.
     */
    static final String JAMES_CHAIN_ON_POSTERN = "James's chain on Postern's server";
    static final String POSTERN = "Postern";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 2000;
        int concurrency = 8;
        int warmUp = 2000;
        int rounds = 1;
        String javaOptions = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = positive(args, ++i);
                case "--concurrency" -> concurrency = positive(args, ++i);
                case "--warm-up" -> warmUp = positive(args, ++i);
                case "--rounds" -> rounds = positive(args, ++i);
                case "--java-options" -> javaOptions = argument(args, ++i);
                default -> fail("unknown argument '" + args[i]
                    + "'; use --messages N --concurrency C --warm-up W --rounds R --java-options 'OPTIONS'");
            }
        }
        Path work = Files.createTempDirectory("postern-bench");
        Path dist = PosternServer.distribution();
        Path stockConf = EndToEndBenchmark.stockConfiguration(dist.resolve("conf"), work.resolve("stock-conf"));
        EndToEndBenchmark benchmark = new EndToEndBenchmark(messages, warmUp, concurrency);
        String jvm = (JVM_OPTIONS + " " + javaOptions).trim();
        System.out.printf("End to end: %d messages of ~2 KB over %d SMTP connections into one empty INBOX, after %d warm-up"
            + " messages to other users; %d round(s); server JVM options: %s%n", messages, concurrency, warmUp, rounds, jvm);
        List<Server> servers = List.of(
            new Server(STOCK, "org.apache.james.MemoryJamesServerMain", stockConf),
            new Server(JAMES_CHAIN_ON_POSTERN, "dev.postern.server.PosternServerMain", stockConf),
            new Server(POSTERN, "dev.postern.server.PosternServerMain", null));
        Map<String, List<EndToEndBenchmark.Result>> results = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        try (LoopbackDnsServer dns = BenchDns.start()) {
            for (int round = 1; round <= rounds; round++) {
                List<EndToEndBenchmark.Result> roundResults = new ArrayList<>();
                for (Server server : servers) {
                    String before = loadAverage();
                    int queries = dns.queries().size();
                    EndToEndBenchmark.Result result = benchmark.run(server.name(), work.resolve(server.name().replaceAll("\\W+", "-") + round),
                        Map.of("POSTERN_MAIN_CLASS", server.mainClass(), "JAVA_OPTS", jvm, "POSTERN_DNS", dns.address()),
                        server.conf() == null ? new String[0] : new String[] {"--conf", server.conf().toString()});
                    System.out.printf("(%s asked the DNS %d questions in round %d)%n", server.name(), dns.queries().size() - queries, round);
                    results.computeIfAbsent(server.name(), name -> new ArrayList<>()).add(result);
                    roundResults.add(result);
                    rows.add(row(round, result, roundResults.get(0), before + " / " + loadAverage()));
                    System.out.println(rows.get(rows.size() - 1));
                }
                EndToEndBenchmark.Result stock = roundResults.get(0);
                EndToEndBenchmark.Result postern = roundResults.get(2);
                System.out.println("CPU ms/msg by thread group, stock James / Postern (round " + round + "):");
                System.out.print(threadTable(stock, postern));
                if (round == 1) {
                    for (EndToEndBenchmark.Result result : List.of(stock, postern)) {
                        System.out.printf("Header of a message in %s's INBOX (%s):%n%s%n", result.name(),
                            result.storedHeaderSize(), result.storedHeader().indent(2).stripTrailing());
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| round | server | msg/s | ratio to stock | p50 ms | p99 ms | RSS at rest MB | RSS after MB | extra RSS at rest MB | CPU ms/msg | load avg before / after |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        double stockRate = median(results.get(STOCK), EndToEndBenchmark.Result::messagesPerSecond);
        double chainRate = median(results.get(JAMES_CHAIN_ON_POSTERN), EndToEndBenchmark.Result::messagesPerSecond);
        double posternRate = median(results.get(POSTERN), EndToEndBenchmark.Result::messagesPerSecond);
        double stockCpu = median(results.get(STOCK), EndToEndBenchmark.Result::cpuMillisPerMessage);
        double chainCpu = median(results.get(JAMES_CHAIN_ON_POSTERN), EndToEndBenchmark.Result::cpuMillisPerMessage);
        double posternCpu = median(results.get(POSTERN), EndToEndBenchmark.Result::cpuMillisPerMessage);
        System.out.printf("%nMedian of %d round(s): stock James %.1f msg/s, Postern %.1f msg/s, ratio %.2f%n",
            rounds, stockRate, posternRate, posternRate / stockRate);
        System.out.printf("Postern's chain alone (same server, James's chain %.1f msg/s): ratio %.2f%n",
            chainRate, posternRate / chainRate);
        System.out.printf("Server CPU per message (median): stock James %.2f ms, James's chain on Postern's server %.2f ms,"
            + " Postern %.2f ms; stock/Postern %.2f, chain alone %.2f%n",
            stockCpu, chainCpu, posternCpu, stockCpu / posternCpu, chainCpu / posternCpu);
    }

    /**
     * A server of the comparison.
     *
     * @param conf the configuration to start from; null: the distribution's own conf/
     */
    private record Server(String name, String mainClass, Path conf) {
    }

    private static String row(int round, EndToEndBenchmark.Result result, EndToEndBenchmark.Result baseline, String load) {
        return String.format("| %d | %s | %.1f | %.2f | %d | %d | %d | %d | %+d | %.2f | %s |", round, result.name(),
            result.messagesPerSecond(), result.messagesPerSecond() / baseline.messagesPerSecond(), result.p50Millis(),
            result.p99Millis(), result.restKilobytes() / 1024, result.loadedKilobytes() / 1024,
            (result.restKilobytes() - baseline.restKilobytes()) / 1024, result.cpuMillisPerMessage(), load);
    }

    /** The thread groups that used at least 0.2 ms per message in either server, side by side. */
    private static String threadTable(EndToEndBenchmark.Result stock, EndToEndBenchmark.Result postern) {
        StringBuilder table = new StringBuilder();
        Set<String> groups = new LinkedHashSet<>(postern.cpuMillisPerMessageByThreads().keySet());
        groups.addAll(stock.cpuMillisPerMessageByThreads().keySet());
        for (String group : groups) {
            double s = stock.cpuMillisPerMessageByThreads().getOrDefault(group, 0.0);
            double p = postern.cpuMillisPerMessageByThreads().getOrDefault(group, 0.0);
            if (Math.max(s, p) >= 0.2) {
                table.append(String.format("  %-28s %7.2f %7.2f %+7.2f%n", group, s, p, p - s));
            }
        }
        return table.toString();
    }

    private static double median(List<EndToEndBenchmark.Result> results, ToDoubleFunction<EndToEndBenchmark.Result> figure) {
        double[] rates = results.stream().mapToDouble(figure).sorted().toArray();
        int middle = rates.length / 2;
        return rates.length % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
    }

    /** The 1-minute load average of the machine. */
    private static String loadAverage() throws IOException {
        return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
    }

    private static String argument(String[] args, int index) {
        if (index >= args.length) {
            fail(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static int positive(String[] args, int index) {
        try {
            int value = Integer.parseInt(args[index]);
            if (value > 0) {
                return value;
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            // reported below
        }
        fail(args[index - 1] + " needs a positive whole number");
        return 0;
    }

    private static void fail(String message) {
        System.err.println("postern bench: " + message);
        System.exit(2);
    }
}
