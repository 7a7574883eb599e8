package dev.postern.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ReverseMap;

import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.LoopbackDnsServer;
import dev.postern.dns.LoopbackDnsServer.Behaviour;

/**
 * Runs the SPF conformance files of Stalwart's mail-auth (pyspf-derived scenarios, one YAML file
 * per topic) from {@value #SUITE}, relative to the core module. Every scenario's records go into
 * a real {@link LoopbackDnsServer}; every case goes through {@link DnsjavaResolver} over UDP.
 *
 * <p>The files are read the way their own harness reads them (line by line, records replacing
 * earlier ones of the same name and type, records kept from one scenario to the next in a
 * file), and a case is checked the way that harness checks it: HELO first, then MAIL FROM if
 * HELO passed. Names starting with "_dns_error" answer SERVFAIL. Names not in the records do not
 * exist: the suite's own harness asks the Internet for those, which a test must not do.
 *
 * <p>Cases where RFC 7208 and the suite disagree are listed with the reason in
 * {@code spf-conformance-deviations.txt}; the test fails if any other case fails, or if a listed
 * case starts to pass (so the list stays true).
 */
class SpfConformanceTest {

    static final String SUITE = "../../shared/conformance/mail-auth/spf";
    static final String RECEIVER = "localdomain.org";
    /** Cases that pass today; lowering it needs a reason. */
    static final int PASS_FLOOR = 159;
    /** The suite's convention for a name whose lookup fails. */
    static final Pattern DNS_ERROR_NAME = Pattern.compile("_dns_error[A-Za-z0-9.-]*[A-Za-z0-9]");

    record Case(String file, String scenario, int number, String helo, String sender, String ip, String expect) {
        String key() {
            return file + " | " + scenario + " | " + number;
        }
    }

    @Test
    void runsTheSuiteThroughARealDnsServer() throws Exception {
        Path suite = Path.of(System.getProperty("basedir", ".")).resolve(SUITE).normalize();
        Assumptions.assumeTrue(Files.isDirectory(suite),
            "SPF conformance suite not found at " + suite + " (the shared folder ../../shared/conformance/mail-auth/spf next to the repository); skipped");
        Map<String, String> deviations = deviations();
        List<String> unexpectedFailures = new ArrayList<>();
        List<String> deviationsThatPass = new ArrayList<>();
        int passed = 0;
        int total = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(suite)) {
            files = list.filter(path -> path.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        try (LoopbackDnsServer dns = LoopbackDnsServer.start()) {
            for (Path file : files) {
                dns.clear();
                DnsjavaResolver resolver = DnsjavaResolver.builder().servers(dns.address())
                    .timeout(Duration.ofSeconds(2)).retries(1).cacheSize(0).build();
                SpfChecker checker = SpfChecker.builder(resolver).receiver(RECEIVER).build();
                int[] counts = new int[2];
                List<String> fileFailures = new ArrayList<>();
                run(file, dns, test -> {
                    String actual = verify(checker, test);
                    if (matchesExpectation(actual, test.expect)) {
                        counts[0]++;
                        if (deviations.containsKey(test.key())) {
                            deviationsThatPass.add(test.key());
                        }
                    } else {
                        counts[1]++;
                        String line = test.key() + ": expected '" + test.expect + "', got '" + actual + "'";
                        fileFailures.add(line + (deviations.containsKey(test.key()) ? "  [known: " + deviations.get(test.key()) + "]" : ""));
                        if (!deviations.containsKey(test.key())) {
                            unexpectedFailures.add(line);
                        }
                    }
                });
                int filePassed = counts[0];
                int fileTotal = counts[0] + counts[1];
                System.out.printf("SPF conformance %-14s %3d/%3d passed%n", file.getFileName(), filePassed, fileTotal);
                fileFailures.forEach(failure -> System.out.println("    FAILED " + failure));
                passed += filePassed;
                total += fileTotal;
            }
        }
        System.out.printf("SPF conformance total          %3d/%3d passed%n", passed, total);
        assertThat(unexpectedFailures).as("failures not listed in spf-conformance-deviations.txt").isEmpty();
        assertThat(deviationsThatPass).as("listed as deviations but now pass: remove them from the list").isEmpty();
        assertThat(passed).as("cases passed").isGreaterThanOrEqualTo(PASS_FLOOR);
    }

    /** "pass", or "fail Explanation text" when the case expects an explanation. */
    private static String verify(SpfChecker checker, Case test) {
        InetAddress ip;
        try {
            ip = InetAddress.getByName(test.ip);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad ip in " + test.key(), e);
        }
        SpfVerdict verdict = checker.checkHelo(ip, test.helo);
        if (verdict.result() == SpfResult.PASS) {
            verdict = checker.checkMailFrom(ip, test.sender, test.helo);
        }
        return verdict.result().keyword() + verdict.explanation().map(text -> " " + text).orElse("");
    }

    private static boolean matchesExpectation(String actual, String expect) {
        String expectedResult = expect.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        String actualResult = actual.split(" ", 2)[0];
        if (!expectedResult.equals(actualResult)) {
            return false;
        }
        return !expect.contains(" ") || expect.equals(actual);
    }

    /**
     * Reads one file line by line, loading records into the server as they come, and checks each
     * case when its "expect" line comes, against the records loaded by then.
     */
    private static void run(Path file, LoopbackDnsServer dns, Consumer<Case> check) throws IOException {
        int mxCounter = 0;
        String fileName = file.getFileName().toString();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher errorName = DNS_ERROR_NAME.matcher(text);
        while (errorName.find()) {
            dns.behave(errorName.group(), Behaviour.SERVFAIL);
        }
        for (String document : text.split("---\n")) {
            String scenario = "";
            String helo = "";
            String sender = "";
            String ip = "127.0.0.1";
            int number = 1;
            for (String raw : document.split("\n")) {
                String line = raw.trim();
                if (line.startsWith("-")) {
                    line = line.substring(1).trim();
                }
                int colon = line.indexOf(':');
                if (line.startsWith("#") || colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon);
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "name" -> scenario = value;
                    case "spf", "exp" -> {
                        String[] nameAndText = value.split(" ", 2);
                        set(dns, nameAndText[0], "TXT", List.of(txt(nameAndText.length > 1 ? nameAndText[1] : "")));
                    }
                    case "a", "aaaa" -> {
                        String[] nameAndList = value.split(" ", 2);
                        set(dns, nameAndList[0], key.toUpperCase(Locale.ROOT), items(nameAndList[1]));
                    }
                    case "ptr" -> {
                        String[] ipAndNames = value.split(" ", 2);
                        String reverse = ReverseMap.fromAddress(InetAddress.getByName(ipAndNames[0])).toString();
                        set(dns, reverse, "PTR", items(ipAndNames[1]).stream().map(name -> name.endsWith(".") ? name : name + ".").toList());
                    }
                    case "mx" -> {
                        // As the suite's harness does: one MX host per address, each with that one address.
                        String[] nameAndList = value.split(" ", 2);
                        List<String> exchanges = new ArrayList<>();
                        int position = 0;
                        for (String address : items(nameAndList[1])) {
                            String host = "mx" + (++mxCounter) + ".hosts.test";
                            set(dns, host, address.contains(":") ? "AAAA" : "A", List.of(address));
                            exchanges.add((++position) + " " + host + ".");
                        }
                        set(dns, nameAndList[0], "MX", exchanges);
                    }
                    case "domain" -> helo = value;
                    case "sender" -> sender = value;
                    case "ip" -> ip = value;
                    case "expect" -> check.accept(new Case(fileName, scenario, number++, helo, sender, ip, value));
                    default -> {
                    }
                }
            }
        }
    }

    private static List<String> items(String list) {
        return Stream.of(list.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static String txt(String text) {
        StringBuilder out = new StringBuilder();
        String escaped = text;
        // Character-strings hold at most 255 octets (RFC 1035 section 3.3.14); SPF joins them again.
        for (int start = 0; start < escaped.length() || start == 0; start += 255) {
            String chunk = escaped.substring(start, Math.min(escaped.length(), start + 255));
            out.append('"').append(chunk.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" ");
            if (escaped.isEmpty()) {
                break;
            }
        }
        return out.toString().trim();
    }

    private static void set(LoopbackDnsServer dns, String name, String type, List<String> rdata) {
        String absolute = name.endsWith(".") ? name : name + ".";
        try {
            dns.removeType(absolute, type);
            for (String value : rdata) {
                dns.add(absolute + " 300 IN " + type + " " + value);
            }
        } catch (IllegalArgumentException cannotExistInDns) {
            // Names longer than DNS allows: the cases that use them expect "none" anyway.
        }
    }

    private static Map<String, String> deviations() throws IOException {
        Map<String, String> deviations = new TreeMap<>();
        try (var in = SpfConformanceTest.class.getResourceAsStream("spf-conformance-deviations.txt")) {
            for (String line : new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ");
                deviations.put(parts[0].trim() + " | " + parts[1].trim() + " | " + parts[2].trim(), parts[3].trim());
            }
        }
        return deviations;
    }
}
