package dev.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.postern.dns.LoopbackDnsServer;
import dev.postern.it.PosternServer;

/**
 * {@code ./postern bench [--messages N] [--concurrency C] [--warm-up W] [--rounds R] [--java-options OPTS]}:
 * the end-to-end comparison of stock James and Postern, printed as a Markdown table with
 * ratios, ready for BENCHMARKS.md.
 *
 * <p>Rounds alternate the two servers (stock, Postern, stock, Postern, ...) so that a change
 * of load on a shared machine falls on both; the summary compares the medians of the rounds.
 * The load average (/proc/loadavg) before and after each run is printed with it: figures taken
 * under another load are not comparable; the server's CPU time per message (its JVM's user +
 * system time over the measured run, {@code CPU ms/msg}) depends much less on the load, and is the
 * figure to compare on a shared machine.
 */
public final class Bench {

    /** The launcher's production JVM options, for both servers. */
    static final String JVM_OPTIONS = "-Xms256m -Xmx1g";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 2000;
        int concurrency = 8;
        int warmUp = 500;
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
            + " messages to another user; %d round(s); server JVM options: %s%n", messages, concurrency, warmUp, rounds, jvm);
        List<EndToEndBenchmark.Result> stock = new ArrayList<>();
        List<EndToEndBenchmark.Result> postern = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        try (LoopbackDnsServer dns = BenchDns.start()) {
            for (int round = 1; round <= rounds; round++) {
                String before = loadAverage();
                stock.add(benchmark.run("stock James 3.8.1", work.resolve("stock-" + round),
                    Map.of("POSTERN_MAIN_CLASS", "org.apache.james.MemoryJamesServerMain", "JAVA_OPTS", jvm, "POSTERN_DNS", dns.address()),
                    "--conf", stockConf.toString()));
                String between = loadAverage();
                int queries = dns.queries().size();
                postern.add(benchmark.run("Postern", work.resolve("postern-" + round),
                    Map.of("JAVA_OPTS", jvm, "POSTERN_DNS", dns.address())));
                String after = loadAverage();
                System.out.printf("(Postern asked the DNS %d questions in round %d)%n", dns.queries().size() - queries, round);
                rows.add(row(round, stock.get(round - 1), stock.get(round - 1), before + " / " + between));
                rows.add(row(round, postern.get(round - 1), stock.get(round - 1), between + " / " + after));
                System.out.println(rows.get(rows.size() - 2));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        System.out.println();
        System.out.println("| round | server | msg/s | ratio | p50 ms | p99 ms | RSS at rest MB | RSS after MB | extra RSS at rest MB | CPU ms/msg | load avg before / after |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        double stockRate = median(stock, EndToEndBenchmark.Result::messagesPerSecond);
        double posternRate = median(postern, EndToEndBenchmark.Result::messagesPerSecond);
        double stockCpu = median(stock, EndToEndBenchmark.Result::cpuMillisPerMessage);
        double posternCpu = median(postern, EndToEndBenchmark.Result::cpuMillisPerMessage);
        System.out.printf("%nMedian of %d round(s): stock James %.1f msg/s, Postern %.1f msg/s, ratio %.2f%n",
            rounds, stockRate, posternRate, posternRate / stockRate);
        System.out.printf("Server CPU per message (median): stock James %.2f ms, Postern %.2f ms, stock/Postern %.2f%n",
            stockCpu, posternCpu, stockCpu / posternCpu);
    }

    private static String row(int round, EndToEndBenchmark.Result result, EndToEndBenchmark.Result baseline, String load) {
        return String.format("| %d | %s | %.1f | %.2f | %d | %d | %d | %d | %+d | %.2f | %s |", round, result.name(),
            result.messagesPerSecond(), result.messagesPerSecond() / baseline.messagesPerSecond(), result.p50Millis(),
            result.p99Millis(), result.restKilobytes() / 1024, result.loadedKilobytes() / 1024,
            (result.restKilobytes() - baseline.restKilobytes()) / 1024, result.cpuMillisPerMessage(), load);
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
