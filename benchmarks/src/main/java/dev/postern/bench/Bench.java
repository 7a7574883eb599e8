package dev.postern.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import dev.postern.it.PosternServer;

/**
 * {@code ./postern bench [--messages N] [--concurrency C]}: the end-to-end comparison of stock
 * James and Postern, printed as a Markdown table with ratios, ready for BENCHMARKS.md.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 2000;
        int concurrency = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = positive(args, ++i);
                case "--concurrency" -> concurrency = positive(args, ++i);
                default -> fail("unknown argument '" + args[i] + "'; use --messages N --concurrency C");
            }
        }
        Path work = Files.createTempDirectory("postern-bench");
        Path dist = PosternServer.distribution();
        Path stockConf = EndToEndBenchmark.stockConfiguration(dist.resolve("conf"), work.resolve("stock-conf"));
        EndToEndBenchmark benchmark = new EndToEndBenchmark(messages, concurrency);
        System.out.printf("End to end: %d messages of ~2 KB over %d SMTP connections into one empty INBOX%n", messages, concurrency);
        // The launcher's production JVM options for both (the test harness's default favours start-up).
        String jvm = "-Xms256m -Xmx1g";
        EndToEndBenchmark.Result stock = benchmark.run("stock James 3.8.1", work.resolve("stock"),
            Map.of("POSTERN_MAIN_CLASS", "org.apache.james.MemoryJamesServerMain", "JAVA_OPTS", jvm), "--conf", stockConf.toString());
        EndToEndBenchmark.Result postern = benchmark.run("Postern", work.resolve("postern"), Map.of("JAVA_OPTS", jvm));
        print(List.of(stock, postern), stock);
    }

    private static void print(List<EndToEndBenchmark.Result> results, EndToEndBenchmark.Result baseline) {
        System.out.println();
        System.out.println("| server | msg/s | ratio | p50 ms | p99 ms | RSS at rest MB | RSS after MB | extra RSS at rest MB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (EndToEndBenchmark.Result result : results) {
            System.out.printf("| %s | %.1f | %.2f | %d | %d | %d | %d | %+d |%n", result.name(), result.messagesPerSecond(),
                result.messagesPerSecond() / baseline.messagesPerSecond(), result.p50Millis(), result.p99Millis(),
                result.restKilobytes() / 1024, result.loadedKilobytes() / 1024,
                (result.restKilobytes() - baseline.restKilobytes()) / 1024);
        }
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
