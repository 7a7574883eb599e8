package dev.postern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads, summed by thread name with numbers removed ("GC Thread#0" and
 * "GC Thread#1" are one group), read from Linux's {@code /proc/PID/task/TID/stat}. The difference of
 * two snapshots shows where a run's CPU went, including what execution samples do not show:
 * garbage collection, JIT compilation and time in the kernel. A thread that ends between two
 * snapshots takes its time with it (James's pools keep theirs for the server's life).
 */
final class ThreadCpu {

    /** Linux's USER_HZ: the unit of utime and stime in /proc stat files. */
    private static final double MILLIS_PER_TICK = 10.0;

    private final Map<String, Long> ticksByGroup;

    private ThreadCpu(Map<String, Long> ticksByGroup) {
        this.ticksByGroup = ticksByGroup;
    }

    static ThreadCpu of(long pid) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Paths.get("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                // "tid (name) state ..." : the name may hold spaces and parentheses, so cut at the last ')'
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] fields = stat.substring(close + 2).split(" ");
                long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
                ticks.merge(group(stat.substring(open + 1, close)), used, Long::sum);
            }
        }
        return new ThreadCpu(ticks);
    }

    static String group(String threadName) {
        return threadName.replaceAll("[0-9]+", "N").replaceAll("[-#_ ]+N$", "").trim();
    }

    /** Milliseconds of CPU per group between {@code before} and this snapshot, largest first. */
    Map<String, Double> millisSince(ThreadCpu before) {
        Map<String, Double> millis = new LinkedHashMap<>();
        ticksByGroup.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), (e.getValue() - before.ticksByGroup.getOrDefault(e.getKey(), 0L)) * MILLIS_PER_TICK))
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(e -> millis.put(e.getKey(), e.getValue()));
        return millis;
    }
}
