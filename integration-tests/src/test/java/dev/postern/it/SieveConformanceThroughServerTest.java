package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.mail.Folder;
import javax.mail.Message;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dns.LoopbackDnsServer;

/**
 * Pigeonhole's Sieve test vectors (shared/conformance/sieve/vectors, as core's
 * SieveConformanceTest reads them) through the running server: each script is uploaded over
 * WebAdmin and activated, its message delivered over SMTP with the vector's envelope, and the
 * folder it lands in read over IMAP. A vector passes when its message is in "PASSED" and in no
 * "FAILED-n" (every Pigeonhole test_fail became a fileinto "FAILED-n"). Those folders exist
 * beforehand: without :create, fileinto into a missing folder delivers to INBOX (RFC 5490).
 *
 * <p>Each message gets an {@code X-Postern-Vector} header first, to find it. The transport
 * processor only records the detail (RecordSubaddress), as in {@link SieveTest}. DNS goes to a
 * server on loopback that knows nothing, so a redirect or notification cannot leave the machine.
 *
 * <p>Vectors whose envelope cannot be sent over SMTP (an address without a domain) are counted
 * as skipped. {@link #FLOORS} holds the passes reached; fewer fail the build.
 */
class SieveConformanceThroughServerTest {

    static final String PASSWORD = "secret-Passw0rd";
    static final String MARKER = "X-Postern-Vector";
    static final Duration DELIVERY = Duration.ofSeconds(15);

    /** Passes reached per extension (vector folder prefix); regressions below these fail. */
    static final Map<String, Integer> FLOORS = new TreeMap<>(Map.ofEntries(
        Map.entry("body", 23),
        Map.entry("comparators", 8),
        Map.entry("enotify", 7),
        Map.entry("extensions", 8),
        Map.entry("imap4flags", 19),
        Map.entry("mailbox", 1),
        Map.entry("match-types", 32),
        Map.entry("regex", 6),
        Map.entry("relational", 21),
        Map.entry("subaddress", 11),
        Map.entry("tests", 25),
        Map.entry("variables", 51)));

    /**
     * Vectors that cannot pass through a mail server, and why; the report names the reason
     * beside each. Every other failure is Postern's to fix.
     */
    static final Map<String, String> SERVER_CHANGES = Map.of(
        "tests__test-address/05", "the transport processor removes Bcc (James's RemoveMimeHeader)",
        "tests__test-size/02", "the message grows by the Received and X-Postern-Vector fields",
        "relational__rfc/01", "the server adds a Received field, the script counts them",
        "body__match-values/03", "needs ${N} from a test Pigeonhole ran before it (core and sieve-test fail it too)");

    private static final Pattern JSON_FIELD = Pattern.compile("\"(from|to)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern FAIL_MARKERS = Pattern.compile("\"fail_markers\"\\s*:\\s*(\\d+)");

    @TempDir
    static Path data;
    @TempDir
    static Path conf;
    static LoopbackDnsServer dns;
    static PosternServer postern;

    static Path vectors() {
        return Path.of(System.getProperty("postern.shared", "../../shared"), "conformance", "sieve", "vectors")
            .toAbsolutePath().normalize();
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(vectors()),
            "Sieve conformance vectors not found at " + vectors() + " (shared/conformance/sieve/vectors beside the repository); skipping");
        dns = LoopbackDnsServer.start();
        postern = PosternServer.withFreePorts(data, Map.of("POSTERN_DNS", dns.address()))
            .start("--conf", SieveServers.confWithoutNativeFoldering(conf).toString());
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(postern, dns);
    }

    record Vector(String name, String extension, Path dir, String from, String to, int failMarkers) {
        String user() {
            int at = to.lastIndexOf('@');
            String local = to.substring(0, at);
            int plus = local.indexOf('+');
            return (plus < 0 ? local : local.substring(0, plus)) + to.substring(at);
        }

        boolean deliverable() {
            int at = to.lastIndexOf('@');
            return at > 0 && at < to.length() - 1 && (from.isEmpty() || from.lastIndexOf('@') < from.length() - 1);
        }
    }

    @Test
    void pigeonholeVectorsThroughTheServer() throws Exception {
        List<Vector> all = readVectors();
        List<Vector> runnable = all.stream().filter(Vector::deliverable).toList();
        int maxFailMarkers = runnable.stream().mapToInt(Vector::failMarkers).max().orElse(0);

        Map<String, ImapClient> mailboxes = new LinkedHashMap<>();
        WebAdmin webAdmin = postern.webAdmin();
        for (String user : runnable.stream().map(Vector::user).distinct().sorted().toList()) {
            String domain = user.substring(user.indexOf('@') + 1);
            if (!webAdmin.get("/domains").contains("\"" + domain + "\"")) {
                webAdmin.addDomain(domain);
            }
            webAdmin.addUser(user, PASSWORD);
            ImapClient imap = ImapClient.startTls(postern.port(IMAP), user, PASSWORD);
            mailboxes.put(user, imap);
            imap.folder("PASSED").create(Folder.HOLDS_MESSAGES);
            for (int i = 1; i <= maxFailMarkers; i++) {
                imap.folder("FAILED-" + i).create(Folder.HOLDS_MESSAGES);
            }
        }

        Map<String, String> refused = new HashMap<>();
        Map<String, Set<String>> seen = new HashMap<>();
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            for (Vector vector : runnable) {
                String script = Files.readString(vector.dir().resolve("script.sieve"), StandardCharsets.UTF_8);
                WebAdmin.Reply upload = webAdmin.putSieveScript(vector.user(), "conformance", script);
                if (upload.status() != 204) {
                    refused.put(vector.name(), "upload refused: " + upload.body());
                    continue;
                }
                String message = MARKER + ": " + vector.name() + "\r\n"
                    + Files.readString(vector.dir().resolve("message.eml"), StandardCharsets.UTF_8);
                smtp.send(vector.from(), message, vector.to());
                ImapClient imap = mailboxes.get(vector.user());
                Map<String, Integer> known = counts.computeIfAbsent(vector.user(), u -> new HashMap<>());
                Instant deadline = Instant.now().plus(DELIVERY);
                while (!seen.containsKey(vector.name()) && Instant.now().isBefore(deadline)) {
                    collectNew(imap, known, seen);
                    if (!seen.containsKey(vector.name())) {
                        Thread.sleep(50);
                    }
                }
            }
        }
        Thread.sleep(1000);
        for (Map.Entry<String, ImapClient> mailbox : mailboxes.entrySet()) {
            collectNew(mailbox.getValue(), counts.computeIfAbsent(mailbox.getKey(), u -> new HashMap<>()), seen);
            mailbox.getValue().close();
        }

        Map<String, int[]> tally = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Vector vector : all) {
            int[] t = tally.computeIfAbsent(vector.extension(), e -> new int[3]);
            if (!vector.deliverable()) {
                t[2]++;
                skipped.add(vector.name() + " (envelope " + vector.from() + " -> " + vector.to() + " cannot go over SMTP)");
                continue;
            }
            t[1]++;
            Set<String> folders = seen.getOrDefault(vector.name(), Set.of());
            boolean passed = folders.contains("PASSED") && folders.stream().noneMatch(f -> f.startsWith("FAILED"));
            if (passed) {
                t[0]++;
            } else {
                String reason = SERVER_CHANGES.get(vector.name());
                failures.add(vector.name() + " [" + testName(vector) + "]: "
                    + refused.getOrDefault(vector.name(), folders.isEmpty() ? "not delivered within " + DELIVERY.toSeconds() + "s" : "in " + folders)
                    + (reason == null ? "" : " (expected: " + reason + ")"));
            }
        }
        StringBuilder report = new StringBuilder("Sieve conformance through the server (Pigeonhole vectors):\n");
        tally.forEach((ext, t) -> report.append(String.format("  %-12s %3d / %3d%s%n", ext, t[0], t[1],
            t[2] == 0 ? "" : " (" + t[2] + " skipped)")));
        report.append("Failures:\n");
        failures.forEach(f -> report.append("  ").append(f).append('\n'));
        report.append("Skipped:\n");
        skipped.forEach(s -> report.append("  ").append(s).append('\n'));
        System.out.println(report);
        FLOORS.forEach((ext, floor) -> assertThat(tally.getOrDefault(ext, new int[3])[0])
            .as("passes for %s (floor %d)%n%s", ext, floor, report).isGreaterThanOrEqualTo(floor));
    }

    /** Reads the messages that arrived since the last call and notes the folders of each marker. */
    private static void collectNew(ImapClient imap, Map<String, Integer> known, Map<String, Set<String>> seen) throws Exception {
        for (String name : imap.folders()) {
            Folder folder = imap.folder(name);
            int count = folder.getMessageCount();
            int before = known.getOrDefault(name, 0);
            if (count <= before) {
                continue;
            }
            folder.open(Folder.READ_ONLY);
            try {
                for (Message message : folder.getMessages(before + 1, count)) {
                    String[] marker = message.getHeader(MARKER);
                    if (marker != null) {
                        seen.computeIfAbsent(marker[0].trim(), v -> new TreeSet<>()).add(name);
                    }
                }
            } finally {
                folder.close(false);
            }
            known.put(name, count);
        }
    }

    private static List<Vector> readVectors() throws IOException {
        List<Vector> result = new ArrayList<>();
        try (Stream<Path> groups = Files.list(vectors())) {
            for (Path group : groups.filter(Files::isDirectory).sorted().toList()) {
                String groupName = group.getFileName().toString();
                String extension = groupName.substring(0, groupName.indexOf("__"));
                try (Stream<Path> cases = Files.list(group)) {
                    for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                        String envelope = Files.readString(dir.resolve("envelope.json"), StandardCharsets.UTF_8);
                        Map<String, String> fields = new HashMap<>();
                        Matcher m = JSON_FIELD.matcher(envelope);
                        while (m.find()) {
                            fields.put(m.group(1), m.group(2));
                        }
                        Matcher markers = FAIL_MARKERS.matcher(Files.readString(dir.resolve("meta.json"), StandardCharsets.UTF_8));
                        result.add(new Vector(groupName + "/" + dir.getFileName(), extension, dir,
                            fields.getOrDefault("from", ""), fields.getOrDefault("to", ""),
                            markers.find() ? Integer.parseInt(markers.group(1)) : 0));
                    }
                }
            }
        }
        return result;
    }

    private static String testName(Vector vector) {
        try {
            Matcher m = Pattern.compile("\"test\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(Files.readString(vector.dir().resolve("meta.json"), StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }
}
