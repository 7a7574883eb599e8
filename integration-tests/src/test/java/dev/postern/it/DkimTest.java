package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static dev.postern.it.PosternServer.Listener.SUBMISSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.DkimSigner;
import dev.postern.dkim.OpenDkim;
import dev.postern.dkim.SigningConfig;
import dev.postern.dns.LoopbackDnsServer;

/**
 * DKIM end to end: mail submitted by an authenticated user is signed twice (rsa-sha256 and
 * ed25519-sha256) whether it is relayed (to an SMTP sink standing for the remote server, through
 * RemoteDelivery's gateway) or delivered locally (read back over IMAP); the keys come from
 * {@code ./postern dns-records}, served by a DNS server on loopback; dkimpy, OpenDKIM's verifier
 * (Debian opendkim, {@code opendkim -t}, keys from that DNS server) and
 * {@code ./postern dkim verify} must all say pass for each signature, and all say fail once the
 * message is changed. A domain added through WebAdmin has its keys when the PUT returns.
 * Unauthenticated mail is never signed; inbound signed mail gets Authentication-Results.
 */
class DkimTest {

    static final Duration DELIVERY = Duration.ofSeconds(60);
    static final String PASSWORD = "secret-Passw0rd";
    static final String DKIMPY_VERIFY = "core/src/test/resources/dkim/dkimpy_verify.py";

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static LoopbackDnsServer dns;
    static SmtpSink sink;
    static PosternServer postern;
    static String zone;

    @BeforeAll
    static void start() throws Exception {
        dns = LoopbackDnsServer.start();
        sink = SmtpSink.start();
        Path conf = work.resolve("conf");
        PosternServer.copyConfiguration(conf);
        PosternServer.relayOutgoingMailTo(conf, sink.port());
        // No periodic key check during the tests: keys of a domain added later must come from
        // the addition itself (or first use), never from a check that happened to run.
        PosternServer.replaceSetting(conf, "dkim.keys.checkInterval=PT1M", "dkim.keys.checkInterval=PT24H");
        OpenDkim.requireInstalled();

        postern = PosternServer.withFreePorts(data, Map.of("POSTERN_DNS", dns.address())).start("--conf", conf.toString());
        postern.webAdmin().addDomain("example.org");
        postern.webAdmin().addUser("demo@example.org", PASSWORD);
        postern.webAdmin().addUser("other@example.org", PASSWORD);

        zone = cli(Map.of(), "dns-records", "example.org", "--webadmin", "http://127.0.0.1:" + postern.port(PosternServer.Listener.WEBADMIN)).output;
        for (String record : zoneRecords(zone)) {
            dns.add(record);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(postern, sink, dns);
    }

    @Test
    void dnsRecordsListEverythingTheDomainNeeds() {
        assertThat(zone)
            .contains("example.org. 3600 IN MX 10 mail.example.org.")
            .contains("example.org. 3600 IN TXT \"v=spf1 mx -all\"")
            .contains("postern-rsa-")
            .contains("postern-ed-")
            .contains("_dmarc.example.org. 3600 IN TXT \"v=DMARC1; p=quarantine;");
        assertThat(zoneRecords(zone)).filteredOn(r -> r.contains("._domainkey.")).hasSize(2);
    }

    @Test
    void authenticatedSubmissionIsSignedTwiceForRemoteAndLocalRecipients() throws Exception {
        try (SmtpClient smtp = SmtpClient.submission(postern.port(SUBMISSION), "demo@example.org", PASSWORD)) {
            smtp.send("demo@example.org", SmtpClient.message("demo@example.org", "friend@remote.example, other@example.org",
                "signed submission", "Hello from Postern.\r\n.leading dot line\r\n"), "friend@remote.example", "other@example.org");
        }

        String relayed = sink.await("Subject: signed submission", DELIVERY);
        String delivered;
        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "other@example.org", PASSWORD)) {
            delivered = imap.awaitMessageContaining("INBOX", "Subject: signed submission", DELIVERY);
        }
        for (String message : List.of(relayed, delivered)) {
            assertThat(signatures(message)).hasSize(2);
            assertThat(message).contains("a=rsa-sha256").contains("a=ed25519-sha256").contains("d=example.org");
            assertThat(dkimpy(message)).containsExactly("pass", "pass");
            CliResult verify = cli(Map.of("POSTERN_DNS", dns.address()), "dkim", "verify", write(message).toString());
            assertThat(verify.status).as(verify.output).isZero();
            assertThat(verify.output.lines().toList()).hasSize(2).allMatch(line -> line.startsWith("dkim=pass"));
            assertThat(openDkim(message)).as("OpenDKIM's verdicts")
                .extracting(OpenDkim.Verdict::result, OpenDkim.Verdict::algorithm, OpenDkim.Verdict::domain)
                .containsExactlyInAnyOrder(tuple("pass", "rsa-sha256", "example.org"), tuple("pass", "ed25519-sha256", "example.org"));
        }

        // Changed in transit: OpenDKIM and Postern say fail for both signatures, dkimpy raises a
        // body hash mismatch for both.
        String tampered = relayed.replace("Hello from Postern.", "Hello from Mallory.");
        assertThat(tampered).isNotEqualTo(relayed);
        assertThat(openDkim(tampered)).extracting(OpenDkim.Verdict::result, OpenDkim.Verdict::algorithm)
            .containsExactlyInAnyOrder(tuple("fail", "rsa-sha256"), tuple("fail", "ed25519-sha256"));
        assertThat(dkimpy(tampered)).hasSize(2).allSatisfy(verdict -> assertThat(verdict).startsWith("error body hash mismatch"));
        CliResult verify = cli(Map.of("POSTERN_DNS", dns.address()), "dkim", "verify", write(tampered).toString());
        assertThat(verify.status).as(verify.output).isEqualTo(1);
        assertThat(verify.output.lines().toList()).hasSize(2).allMatch(line -> line.startsWith("dkim=fail"));
    }

    @Test
    void aDomainAddedThroughWebAdminHasBothKeysWhenThePutReturns() throws Exception {
        WebAdmin webAdmin = postern.webAdmin();
        webAdmin.addDomain("new.example");

        // Read on disk before any DKIM route or mail could create them on first use.
        Path keyFolder = data.resolve("var/dkim/new.example");
        assertThat(Files.isDirectory(keyFolder)).as(keyFolder + " after PUT /domains/new.example").isTrue();
        try (var files = Files.list(keyFolder)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".key")).toList())
                .hasSize(2).anyMatch(name -> name.startsWith("postern-rsa-")).anyMatch(name -> name.startsWith("postern-ed-"));
        }
        String records = webAdmin.get("/postern/dns-records/new.example?format=zone");
        List<String> keyRecords = zoneRecords(records).stream().filter(r -> r.contains("._domainkey.")).toList();
        assertThat(keyRecords).hasSize(2).anyMatch(r -> r.startsWith("postern-rsa-")).anyMatch(r -> r.startsWith("postern-ed-"));
        keyRecords.forEach(dns::add);

        webAdmin.addUser("n@new.example", PASSWORD);
        try (SmtpClient smtp = SmtpClient.submission(postern.port(SUBMISSION), "n@new.example", PASSWORD)) {
            smtp.send("n@new.example", SmtpClient.message("n@new.example", "friend@remote.example", "from a new domain", "x"),
                "friend@remote.example");
        }
        String relayed = sink.await("Subject: from a new domain", DELIVERY);
        assertThat(openDkim(relayed)).extracting(OpenDkim.Verdict::result, OpenDkim.Verdict::algorithm, OpenDkim.Verdict::domain)
            .containsExactlyInAnyOrder(tuple("pass", "rsa-sha256", "new.example"), tuple("pass", "ed25519-sha256", "new.example"));
    }

    /** The distribution ships the native provider's jar, and it loads from there (Linux x86_64 only). */
    @Test
    void theDistributionSignsWithTheNativeProvider() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
            "the distribution ships the native library for Linux x86_64 only");
        try (SmtpClient smtp = SmtpClient.submission(postern.port(SUBMISSION), "demo@example.org", PASSWORD)) {
            smtp.send("demo@example.org", SmtpClient.message("demo@example.org", "friend@remote.example",
                "native signature", "Signed by AWS-LC.\r\n"), "friend@remote.example");
        }
        assertThat(dkimpy(sink.await("Subject: native signature", DELIVERY))).containsExactly("pass", "pass");
        assertThat(postern.output()).filteredOn(line -> line.contains("DKIM signs and verifies with")).singleElement()
            .satisfies(line -> assertThat(line).contains("rsa-sha256: AmazonCorrettoCryptoProvider")
                .contains("ed25519-sha256: AmazonCorrettoCryptoProvider"));
    }

    @Test
    void rotationPublishesNewSelectorsThenSwitchesSigningToThem() throws Exception {
        WebAdmin webAdmin = postern.webAdmin();
        webAdmin.addDomain("rotate.example");
        webAdmin.addUser("r@rotate.example", PASSWORD);
        String before = webAdmin.get("/postern/dkim/rotate.example/keys");
        assertThat(before).contains("\"state\":\"ACTIVE\"").doesNotContain("NEXT");

        String next = webAdmin.post("/postern/dkim/rotate.example/keys?action=rotate");
        assertThat(next).contains("\"state\":\"NEXT\"").contains("-2\"");
        String published = webAdmin.get("/postern/dns-records/rotate.example?format=zone");
        assertThat(zoneRecords(published)).filteredOn(r -> r.contains("._domainkey.")).hasSize(4);
        zoneRecords(published).forEach(dns::add);

        webAdmin.post("/postern/dkim/rotate.example/keys?action=activate");
        assertThat(webAdmin.get("/postern/dkim/rotate.example/keys")).contains("\"state\":\"RETIRED\"");
        try (SmtpClient smtp = SmtpClient.submission(postern.port(SUBMISSION), "r@rotate.example", PASSWORD)) {
            smtp.send("r@rotate.example", SmtpClient.message("r@rotate.example", "friend@remote.example", "after rotation", "x"),
                "friend@remote.example");
        }
        String relayed = sink.await("Subject: after rotation", DELIVERY);
        assertThat(relayed).contains("s=postern-rsa-").contains("-2;");
        CliResult verify = cli(Map.of("POSTERN_DNS", dns.address()), "dkim", "verify", write(relayed).toString());
        assertThat(verify.output.lines().toList()).hasSize(2).allMatch(line -> line.startsWith("dkim=pass") && line.contains("-2 "));
    }

    /**
     * The key files Postern keeps are what OpenDKIM's KeyTable takes: opendkim-testmsg signs with
     * the stored RSA key (rsa-sha1, all that tool does) and dkimpy verifies that against the TXT
     * record Postern publishes.
     */
    @Test
    void openDkimSignsWithTheStoredKeyAndThePublishedRecordMatches() throws Exception {
        Path testmsg = Path.of("/usr/sbin/opendkim-testmsg");
        assertThat(Files.isExecutable(testmsg)).as(testmsg + " is missing: apt-get install -y opendkim-tools").isTrue();
        String selector = zoneRecords(zone).stream().filter(r -> r.startsWith("postern-rsa-")).findFirst().orElseThrow().split("\\.")[0];
        Path key = data.resolve("var/dkim/example.org/" + selector + ".key");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        Path temp = Files.createDirectories(work.resolve("opendkim"));
        Process process = new ProcessBuilder(testmsg.toString(), "-C", "-d", "example.org", "-s", selector, "-k", key.toString(),
            "-t", temp.toString()).start();
        process.getOutputStream().write(("Received: from x by y; Sun, 29 Nov 2026 12:00:00 +0000\r\n"
            + SmtpClient.message("demo@example.org", "friend@remote.example", "opendkim", "Signed by OpenDKIM.")
                .replace("Subject: opendkim\r\n", "Subject: opendkim\r\nDate: Sun, 29 Nov 2026 12:00:00 +0000\r\n"))
            .getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String signed = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(errors).isZero();
        assertThat(signed).startsWith("DKIM-Signature:").contains("s=" + selector);

        assertThat(dkimpy(signed)).containsExactly("pass");
    }

    @Test
    void unauthenticatedMailIsNeverSignedForALocalDomain() throws Exception {
        // Port SMTP from loopback: an authorized relay network, but no authentication.
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            smtp.send("demo@example.org", SmtpClient.message("demo@example.org", "other@example.org", "forged local", "x"),
                "other@example.org", "friend@remote.example");
        }

        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "other@example.org", PASSWORD)) {
            // Unsigned, from a host its SPF does not list: example.org's own DMARC (p=quarantine,
            // as dns-records proposes and this test publishes) sends it to Junk.
            String delivered = imap.awaitMessageContaining("Junk", "Subject: forged local", DELIVERY);
            assertThat(delivered).doesNotContain("DKIM-Signature").contains("dkim=none");
        }
        String relayed = sink.await("Subject: forged local", DELIVERY);
        assertThat(relayed).doesNotContain("DKIM-Signature");
    }

    @Test
    void inboundSignedMailGetsAuthenticationResults() throws Exception {
        KeyPair rsa = DkimKeys.generateRsa();
        KeyPair ed = DkimKeys.generateEd25519();
        dns.add("sel1._domainkey.remote.example. 300 IN TXT " + txtData(DkimKeys.txtRecord(rsa.getPublic())),
            "sel2._domainkey.remote.example. 300 IN TXT " + txtData(DkimKeys.txtRecord(ed.getPublic())));
        String message = "Authentication-Results: " + authservIdGuess() + "; dkim=pass header.d=forged.example\r\n"
            + SmtpClient.message("friend@remote.example", "demo@example.org", "inbound signed", "Hi demo.");
        byte[] raw = message.getBytes(StandardCharsets.US_ASCII);
        List<String> fields = new DkimSigner().signAll(raw, List.of(
            SigningConfig.builder("remote.example", "sel1", rsa.getPrivate()).build(),
            SigningConfig.builder("remote.example", "sel2", ed.getPrivate()).build()));
        String signed = new String(DkimSigner.prepend(fields, raw), StandardCharsets.US_ASCII);
        try (SmtpClient smtp = SmtpClient.connect(postern.port(SMTP))) {
            smtp.ehlo();
            smtp.send("friend@remote.example", signed, "demo@example.org");
        }

        try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "demo@example.org", PASSWORD)) {
            String delivered = imap.awaitMessageContaining("INBOX", "Subject: inbound signed", DELIVERY);
            String results = headerField(delivered, "Authentication-Results");
            assertThat(results)
                .contains("dkim=pass header.d=remote.example header.i=@remote.example header.s=sel1 header.a=rsa-sha256 header.b=")
                .contains("dkim=pass header.d=remote.example header.i=@remote.example header.s=sel2 header.a=ed25519-sha256 header.b=");
            if (delivered.indexOf("Authentication-Results:") == delivered.lastIndexOf("Authentication-Results:")) {
                assertThat(delivered).as("the forged Authentication-Results with our authserv-id was removed").doesNotContain("forged.example");
            }
        }
    }

    /** The authserv-id DkimVerify uses by default (the host's name when it has a dot, else "postern"). */
    private static String authservIdGuess() throws Exception {
        String host = java.net.InetAddress.getLocalHost().getHostName();
        return host.contains(".") && !host.matches("[0-9.]+") ? host : "postern";
    }

    /** The first header field of that name, with its continuation lines. */
    private static String headerField(String message, String name) {
        List<String> lines = message.lines().toList();
        StringBuilder field = new StringBuilder();
        for (String line : lines) {
            if (field.length() == 0 && line.startsWith(name + ":")) {
                field.append(line);
            } else if (field.length() > 0 && (line.startsWith(" ") || line.startsWith("\t"))) {
                field.append("\n").append(line);
            } else if (field.length() > 0) {
                break;
            }
        }
        return field.toString();
    }

    private static List<String> signatures(String message) {
        return Pattern.compile("(?m)^DKIM-Signature:").matcher(message).results().map(java.util.regex.MatchResult::group).toList();
    }

    /** The records of a zone fragment, one line each, multi-string TXT data without parentheses. */
    static List<String> zoneRecords(String zone) {
        List<String> records = new ArrayList<>();
        for (String line : zone.lines().toList()) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            records.add(line.replace("TXT ( ", "TXT ").replaceAll(" \\)$", ""));
        }
        return records;
    }

    private static String txtData(String value) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += 255) {
            strings.add("\"" + value.substring(start, Math.min(value.length(), start + 255)) + "\"");
        }
        return String.join(" ", strings);
    }

    /** OpenDKIM's verdict for each signature, keys from the test's DNS server (the zone's records). */
    private static List<OpenDkim.Verdict> openDkim(String message) throws Exception {
        return OpenDkim.verifyWithDns(message.getBytes(StandardCharsets.ISO_8859_1), dns.address());
    }

    /** dkimpy's verdict for each signature, with the keys of the zone as its DNS. */
    private static List<String> dkimpy(String message) throws Exception {
        Path keys = work.resolve("keys.txt");
        StringBuilder lines = new StringBuilder();
        for (String record : zoneRecords(zone)) {
            if (record.contains("._domainkey.")) {
                String[] parts = record.split("\\s+", 5);
                lines.append(parts[0]).append(' ').append(parts[4].replace("\" \"", "").replace("\"", "")).append('\n');
            }
        }
        Files.writeString(keys, lines.toString());
        Path root = Path.of(System.getProperty("postern.root", ".."));
        Process process = new ProcessBuilder("/usr/bin/python3", root.resolve(DKIMPY_VERIFY).toString(), write(message).toString(), keys.toString())
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    private static Path write(String message) throws Exception {
        Path file = Files.createTempFile(work, "message", ".eml");
        Files.writeString(file, message, StandardCharsets.ISO_8859_1);
        return file;
    }

    record CliResult(int status, String output) {
    }

    /** bin/postern-cli of the distribution, as ./postern runs it. */
    static CliResult cli(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", PosternServer.distribution().resolve("bin/postern-cli").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new CliResult(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
}
