package dev.postern.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jsieve.mail.Action;
import org.apache.jsieve.parser.generated.Node;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs Pigeonhole's Sieve test suite, converted to vectors under
 * shared/conformance/sieve/vectors/&lt;extension&gt;__&lt;name&gt;/&lt;NN&gt;/ (script.sieve,
 * message.eml, envelope.json, meta.json). A vector passes when the script files into "PASSED"
 * and into no "FAILED-n" (each Pigeonhole test_fail became such a fileinto).
 *
 * <p>{@link #FLOORS} holds the pass counts reached; a lower count fails the build.
 *
 * <p>Postern's own vectors (same layout, under src/test/resources/dev/postern/sieve/vectors,
 * each cross-checked with Pigeonhole's sieve-test) may add actions.txt, the expected actions one
 * a line, error.txt, text the script's error must contain, and a "mailboxes" list in
 * envelope.json; they must all pass.
 */
class SieveConformanceTest {

    /** Vectors are read from here at test time, never copied into the repository. */
    static final Path VECTORS = Path.of("..", "..", "shared", "conformance", "sieve", "vectors");

    /** Passes reached per extension (vector folder prefix); regressions below these fail. */
    static final Map<String, Integer> FLOORS = new TreeMap<>(Map.ofEntries(
        Map.entry("variables", 51),
        Map.entry("subaddress", 11),
        Map.entry("mailbox", 1),
        Map.entry("enotify", 7),
        Map.entry("regex", 6),
        Map.entry("imap4flags", 19),
        Map.entry("relational", 22),
        Map.entry("tests", 28),
        Map.entry("match-types", 32),
        Map.entry("comparators", 8),
        Map.entry("extensions", 9),
        // body__match-values/03 needs ${N} from a test Pigeonhole ran before it; sieve-test
        // fails that vector alone too.
        Map.entry("body", 23)));

    private static final Pattern JSON_FIELD = Pattern.compile("\"(from|to)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern JSON_MAILBOXES = Pattern.compile("\"mailboxes\"\\s*:\\s*\\[([^\\]]*)\\]");

    @Test
    void posternVectors() throws Exception {
        Path root = Path.of(SieveConformanceTest.class.getResource("vectors").toURI());
        PosternSieve sieve = PosternSieve.create();
        List<String> failures = new ArrayList<>();
        int total = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path script : s.filter(p -> p.getFileName().toString().equals("script.sieve")).sorted().toList()) {
                total++;
                String outcome = run(sieve, script.getParent());
                if (outcome != null) {
                    failures.add(root.relativize(script.getParent()) + ": " + outcome);
                }
            }
        }
        System.out.println("Postern Sieve vectors: " + (total - failures.size()) + " / " + total);
        assertThat(failures).as("Postern vectors").isEmpty();
        assertThat(total).isGreaterThan(0);
    }

    /** One line per action, as actions.txt spells them. */
    static String describe(Action a) {
        if (a instanceof FileIntoAction f) {
            return "fileinto " + f.mailbox() + (f.copy() ? " :copy" : "") + (f.create() ? " :create" : "")
                + (f.flags().isEmpty() ? "" : " :flags " + String.join(" ", f.flags()));
        }
        if (a instanceof KeepAction k) {
            return "keep" + (k.flags().isEmpty() ? "" : " :flags " + String.join(" ", k.flags()));
        }
        if (a instanceof RedirectAction r) {
            return "redirect " + r.address() + (r.copy() ? " :copy" : "");
        }
        if (a instanceof NotifyAction n) {
            return "notify " + n.method() + (n.message() == null ? "" : " :message " + n.message());
        }
        if (a instanceof org.apache.jsieve.mail.optional.ActionVacation v) {
            return "vacation" + (v.getSubject() == null ? "" : " :subject " + v.getSubject()) + " " + v.getReason();
        }
        if (a instanceof org.apache.jsieve.mail.ActionDiscard) {
            return "discard";
        }
        return a.toString();
    }

    @Test
    void pigeonholeVectors() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(VECTORS),
            "Sieve conformance vectors not found at " + VECTORS.toAbsolutePath().normalize()
                + " (shared/conformance/sieve/vectors beside the repository); skipping");
        PosternSieve sieve = PosternSieve.create();
        Map<String, int[]> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<Path> cases;
        try (Stream<Path> s = Files.list(VECTORS)) {
            cases = s.filter(Files::isDirectory).sorted().flatMap(dir -> {
                try (Stream<Path> n = Files.list(dir)) {
                    return n.filter(Files::isDirectory).sorted().toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        for (Path dir : cases) {
            String group = dir.getParent().getFileName().toString();
            String extension = group.substring(0, group.indexOf("__"));
            String name = group + "/" + dir.getFileName();
            int[] c = counts.computeIfAbsent(extension, k -> new int[2]);
            c[1]++;
            String outcome = run(sieve, dir);
            if (outcome == null) {
                c[0]++;
            } else {
                failures.add(name + " [" + testName(dir) + "]: " + outcome);
            }
        }
        StringBuilder report = new StringBuilder("Sieve conformance (Pigeonhole vectors):\n");
        counts.forEach((ext, c) -> report.append(String.format("  %-12s %3d / %3d%n", ext, c[0], c[1])));
        report.append("Failures:\n");
        failures.forEach(f -> report.append("  ").append(f).append('\n'));
        System.out.println(report);
        FLOORS.forEach((ext, floor) -> assertThat(counts.getOrDefault(ext, new int[2])[0])
            .as("passes for %s (floor %d)%n%s", ext, floor, report).isGreaterThanOrEqualTo(floor));
    }

    /** Null when the vector passes, else why not. */
    static String run(PosternSieve sieve, Path dir) {
        Path error = dir.resolve("error.txt");
        String outcome = runOnce(sieve, dir);
        if (Files.exists(error)) {
            try {
                String want = Files.readString(error, StandardCharsets.UTF_8).strip();
                return outcome != null && outcome.startsWith("!") && outcome.contains(want) ? null
                    : "expected an error containing \"" + want + "\", got " + outcome;
            } catch (IOException e) {
                return e.toString();
            }
        }
        return outcome != null && outcome.startsWith("!") ? outcome.substring(1) : outcome;
    }

    /** Null when the vector passes; "!" and the error when the script failed. */
    private static String runOnce(PosternSieve sieve, Path dir) {
        try {
            String script = Files.readString(dir.resolve("script.sieve"), StandardCharsets.UTF_8);
            String eml = Files.readString(dir.resolve("message.eml"), StandardCharsets.UTF_8);
            String envelope = Files.readString(dir.resolve("envelope.json"), StandardCharsets.UTF_8);
            String from = null;
            List<String> to = new ArrayList<>();
            Matcher m = JSON_FIELD.matcher(envelope);
            while (m.find()) {
                if (m.group(1).equals("from")) {
                    from = m.group(2);
                } else {
                    to.add(m.group(2));
                }
            }
            TestMail mail = new TestMail(eml, from, to);
            Matcher boxes = JSON_MAILBOXES.matcher(envelope);
            if (boxes.find()) {
                for (String b : boxes.group(1).split(",")) {
                    if (!b.isBlank()) {
                        mail.withMailbox(b.strip().replace("\"", ""));
                    }
                }
            }
            Node node = sieve.parse(script);
            List<Action> actions = sieve.evaluate(mail, node);
            Path expected = dir.resolve("actions.txt");
            if (Files.exists(expected)) {
                List<String> want = Files.readAllLines(expected, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
                List<String> got = actions.stream().map(SieveConformanceTest::describe).toList();
                return want.equals(got) ? null : "expected actions " + want + ", got " + got;
            }
            boolean passed = false;
            List<String> folders = new ArrayList<>();
            for (Action a : actions) {
                if (a instanceof FileIntoAction f) {
                    folders.add(f.mailbox());
                    if (f.mailbox().startsWith("FAILED")) {
                        return "filed into " + f.mailbox();
                    }
                    passed |= f.mailbox().equals("PASSED");
                }
            }
            return passed ? null : "no fileinto PASSED; actions " + actions;
        } catch (Exception | Error e) {
            return "!" + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
    }

    private static String testName(Path dir) {
        try {
            Matcher m = Pattern.compile("\"test\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(Files.readString(dir.resolve("meta.json")));
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }
}
