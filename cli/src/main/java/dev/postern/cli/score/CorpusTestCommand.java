package dev.postern.cli.score;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.postern.cli.Command;
import dev.postern.score.Action;
import dev.postern.score.ScanContext;
import dev.postern.score.ScanResult;
import dev.postern.score.ScoringEngine;
import dev.postern.score.bayes.Verdict;
import dev.postern.score.message.MessageParser;

/**
 * {@code ./postern corpus-test --ham DIR --spam DIR [--train-ham DIR --train-spam DIR] [--rules FILE]},
 * Postern's {@code rspamadm corpus_test}: a fresh in-memory Bayes learns the training sets (if
 * any), then every test message is scored offline and printed as one JSON line
 * ({@code file, class, score, action, symbols}); a confusion table of class by action and the
 * detection rates at "add header" or above end the output. {@code --speed-passes N} then scores
 * the test sets N more times, printing only the speed of each pass (the first pass warms the JIT).
 */
public final class CorpusTestCommand implements Command {

    /** The action from which a message counts as flagged spam: it reaches the Junk folder or worse. */
    static final Action FLAGGED = Action.ADD_HEADER;

    @Override
    public String name() {
        return "corpus-test";
    }

    @Override
    public String usage() {
        return "--ham DIR --spam DIR [--train-ham DIR --train-spam DIR] [--rules FILE] [--speed-passes N]   train a fresh Bayes, score a corpus, print a confusion table";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String option = arguments.get(i);
            if (!List.of("--ham", "--spam", "--train-ham", "--train-spam", "--rules", "--speed-passes").contains(option)) {
                throw new IllegalArgumentException("unknown argument " + option);
            }
            if (i + 1 >= arguments.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            options.put(option, arguments.get(++i));
        }
        if (!options.containsKey("--ham") || !options.containsKey("--spam")) {
            throw new IllegalArgumentException("--ham and --spam (the test sets) are required");
        }
        ScoringEngine engine = ScoringEngine.builder(ScoringFiles.rules(options.get("--rules"))).build();
        long learned = train(engine, options.get("--train-ham"), Verdict.HAM) + train(engine, options.get("--train-spam"), Verdict.SPAM);
        err.println("postern corpus-test: Bayes learned " + learned + " messages");

        Map<Verdict, Map<Action, Integer>> table = new EnumMap<>(Verdict.class);
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        int scanned = 0;
        for (Verdict kind : List.of(Verdict.HAM, Verdict.SPAM)) {
            Map<Action, Integer> row = table.computeIfAbsent(kind, k -> new EnumMap<>(Action.class));
            for (Path file : ScoringFiles.messages(options.get(kind == Verdict.HAM ? "--ham" : "--spam"))) {
                ScanResult result = engine.scan(ScoringFiles.read(file), ScanContext.ofRecipients());
                row.merge(result.action(), 1, Integer::sum);
                scanned++;
                out.println(ScanCommand.withFile("{\"class\":\"" + kind.name().toLowerCase(Locale.ROOT) + "\"," + result.toJson().substring(1), file.toString()));
            }
        }
        printSpeed(err, "", scanned, started, cpuStarted);
        printTable(table, out);
        // Speed once the JIT is warm: scoring does not learn, so each pass scores the same.
        int passes = Integer.parseInt(options.getOrDefault("--speed-passes", "0"));
        for (int pass = 1; pass <= passes; pass++) {
            started = System.nanoTime();
            cpuStarted = processCpuNanos();
            for (String set : List.of("--ham", "--spam")) {
                for (Path file : ScoringFiles.messages(options.get(set))) {
                    engine.scan(ScoringFiles.read(file), ScanContext.ofRecipients());
                }
            }
            printSpeed(err, " again (speed pass " + pass + " of " + passes + ")", scanned, started, cpuStarted);
        }
        return 0;
    }

    /**
     * Wall time and CPU seconds of the whole JVM (JIT and GC threads too) while scoring, training
     * excluded: the per-core rate benchmarks/baselines/corpus-vs-rspamd.sh compares with rspamd's.
     */
    private static void printSpeed(PrintStream err, String which, int scanned, long started, long cpuStarted) {
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
        err.printf(Locale.ROOT, "postern corpus-test: scanned %d messages%s in %.1f s (%.0f/s, one thread), %.1f CPU s of the JVM = %.0f messages per CPU second%n",
            scanned, which, seconds, scanned / seconds, cpuSeconds, scanned / Math.max(cpuSeconds, 1e-9));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long train(ScoringEngine engine, String directory, Verdict verdict) throws Exception {
        if (directory == null) {
            return 0;
        }
        long count = 0;
        for (Path file : ScoringFiles.messages(directory)) {
            if (engine.bayes().learn(MessageParser.parse(ScoringFiles.read(file)), verdict, Optional.empty())) {
                count++;
            }
        }
        return count;
    }

    /** Class by action, then the rates at {@link #FLAGGED} or above, as rspamadm corpus_test sums up. */
    static void printTable(Map<Verdict, Map<Action, Integer>> table, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-6s", "class"));
        for (Action action : Action.values()) {
            header.append(String.format(Locale.ROOT, " %15s", action.word()));
        }
        out.println(header.append(String.format(Locale.ROOT, " %8s", "total")));
        Map<Verdict, int[]> flagged = new EnumMap<>(Verdict.class);
        for (Verdict kind : List.of(Verdict.HAM, Verdict.SPAM)) {
            Map<Action, Integer> row = table.getOrDefault(kind, Map.of());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-6s", kind.name().toLowerCase(Locale.ROOT)));
            int total = 0;
            int atLeast = 0;
            for (Action action : Action.values()) {
                int count = row.getOrDefault(action, 0);
                total += count;
                if (action.atLeast(FLAGGED)) {
                    atLeast += count;
                }
                line.append(String.format(Locale.ROOT, " %15d", count));
            }
            out.println(line.append(String.format(Locale.ROOT, " %8d", total)));
            flagged.put(kind, new int[] {atLeast, total});
        }
        int[] spam = flagged.get(Verdict.SPAM);
        int[] ham = flagged.get(Verdict.HAM);
        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "spam detected (>= %s): %d/%d = %.2f%%", FLAGGED.word(), spam[0], spam[1], percent(spam)));
        summary.add(String.format(Locale.ROOT, "ham false positives (>= %s): %d/%d = %.2f%%", FLAGGED.word(), ham[0], ham[1], percent(ham)));
        int right = spam[0] + (ham[1] - ham[0]);
        int all = spam[1] + ham[1];
        summary.add(String.format(Locale.ROOT, "accuracy: %d/%d = %.2f%%", right, all, all == 0 ? 0 : 100.0 * right / all));
        summary.forEach(out::println);
    }

    private static double percent(int[] part) {
        return part[1] == 0 ? 0 : 100.0 * part[0] / part[1];
    }
}
