package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static dev.postern.it.PosternServer.Listener.SUBMISSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.postern.dns.LoopbackDnsServer;
import dev.postern.net.TcpProxy;

/**
 * The scan log end to end: the distribution with {@code opensearch.enabled=true} and an index
 * prefix of its own, pointed at the real OpenSearch ({@code -Dpostern.opensearch}) through a
 * {@link TcpProxy}, so that the outage test can cut the way to it without stopping a server
 * other tests share. Messages go in over SMTP, records are read back through WebAdmin's
 * {@code /postern/scans}. Scoring rules: ScoringTest's (a clean message takes no action,
 * grey@ is greylisted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanIndexTest {

    static final String PASSWORD = "secret-Passw0rd";
    static final Duration DELIVERY = Duration.ofSeconds(30);
    /** How long records may take to reach the index: the retry back-off is at most 5 s a round. */
    static final Duration INDEXED = Duration.ofSeconds(60);
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static LoopbackDnsServer dns;
    static TcpProxy proxy;
    static PosternServer postern;
    static WebAdmin webAdmin;
    static String openSearch;
    static String indexPrefix;
    static final Instant START = Instant.now();

    @BeforeAll
    static void start() throws Exception {
        openSearch = openSearchUrl();
        dns = LoopbackDnsServer.start();
        // ok.test sends from 127.0.0.1 (SPF and DMARC pass); reject.test lets no one send its mail.
        dns.add("ok.test. 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "_dmarc.ok.test. 300 IN TXT \"v=DMARC1; p=none\"",
            "reject.test. 300 IN TXT \"v=spf1 -all\"",
            "_dmarc.reject.test. 300 IN TXT \"v=DMARC1; p=reject\"");
        proxy = TcpProxy.start("127.0.0.1", URI.create(openSearch).getPort());
        indexPrefix = "postern-it-" + UUID.randomUUID().toString().substring(0, 8);

        Path conf = PosternServer.copyConfiguration(data.resolve("conf-source"));
        try (InputStream rules = ScanIndexTest.class.getResourceAsStream("/scoring/scoring.xml")) {
            Files.copy(rules, conf.resolve("scoring.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        enableOpenSearch(conf, "opensearch.hosts=http://127.0.0.1:" + proxy.port() + "\n"
            + "opensearch.index.prefix=" + indexPrefix + "\n"
            + "opensearch.flush.interval=100ms\n");
        postern = PosternServer.withFreePorts(data.resolve("run"), Map.of("POSTERN_DNS", dns.address()))
            .start("--conf", conf.toString());
        webAdmin = postern.webAdmin();
        webAdmin.addDomain("example.org");
        webAdmin.addUser("inbox@example.org", PASSWORD);
        webAdmin.addUser("grey@example.org", PASSWORD);
    }

    /** conf/postern.properties with opensearch.enabled=true (in place: a key set twice stops the start) and {@code settings}. */
    static void enableOpenSearch(Path conf, String settings) throws Exception {
        PosternServer.replaceSetting(conf, "opensearch.enabled=false", "opensearch.enabled=true");
        PosternServer.addSettings(conf, settings);
    }

    static String openSearchUrl() {
        String url = System.getProperty("postern.opensearch", System.getenv("POSTERN_OPENSEARCH"));
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no OpenSearch for the tests: run ./postern test (it starts one), or"
                + " ./postern backends start and pass -Dpostern.opensearch=http://127.0.0.1:19200 to Maven");
        }
        return url;
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(postern, proxy, dns);
        if (indexPrefix != null) {
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create(openSearch + "/" + indexPrefix + "-*?ignore_unavailable=true")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
            http.send(HttpRequest.newBuilder(URI.create(openSearch + "/_index_template/" + indexPrefix)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        }
    }

    static String message(String from, String to, String subject, String messageId, String body) {
        return SmtpClient.datedMessage(from, to, subject, messageId, body);
    }

    static String messageId() {
        return "<" + UUID.randomUUID() + "@ok.test>";
    }

    /** MAIL, RCPT, DATA; the reply to DATA. */
    static String send(String from, String to, String message) throws Exception {
        return SmtpClient.send(postern.port(SMTP), from, to, message);
    }

    static JsonNode scans(String query) throws Exception {
        return JSON.readTree(webAdmin.get("/postern/scans?" + query + "&from=" + START));
    }

    /** Polls the search until {@code done} holds for its answer; fails with the last answer after {@link #INDEXED}. */
    static JsonNode awaitScans(String query, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(INDEXED);
        JsonNode answer = scans(query);
        while (!done.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("GET /postern/scans?" + query + " still answers, after " + INDEXED.toSeconds() + "s: "
                    + answer + "; status: " + webAdmin.get("/postern/scans/status"));
            }
            Thread.sleep(250);
            answer = scans(query);
        }
        return answer;
    }

    static JsonNode status() throws Exception {
        return JSON.readTree(webAdmin.get("/postern/scans/status"));
    }

    static List<String> messageIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("scans").forEach(scan -> ids.add(scan.path("messageId").asText()));
        return ids;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    @Order(1)
    void everyScannedMessageIsIndexedOnceRefusedOnesToo() throws Exception {
        String accepted = messageId();
        String gtube = messageId();
        String forged = "<" + UUID.randomUUID() + "@reject.test>";
        assertThat(send("alice@ok.test", "inbox@example.org", message("alice@ok.test", "inbox@example.org", "hello", accepted, "hi")))
            .startsWith("250");
        assertThat(send("alice@ok.test", "inbox@example.org", message("alice@ok.test", "inbox@example.org", "spam", gtube, GTUBE)))
            .startsWith("554");
        assertThat(send("ceo@reject.test", "inbox@example.org", message("ceo@reject.test", "inbox@example.org", "wire", forged, "now")))
            .as("DMARC p=reject, refused by AuthenticationHook before scoring").startsWith("550");
        assertThat(send("bob@plain.test", "grey@example.org", message("bob@plain.test", "grey@example.org", "grey", messageId(), "hi")))
            .as("no SPF, DKIM or DMARC: AUTH_NA scores 1, over grey@'s greylist threshold").startsWith("451");

        JsonNode failedDmarc = awaitScans("senderDomain=reject.test&dmarc=fail", answer -> answer.path("count").asInt() > 0);
        assertThat(failedDmarc.path("count").asInt()).isEqualTo(1);
        JsonNode record = failedDmarc.path("scans").get(0);
        assertThat(record.path("messageId").asText()).isEqualTo(forged);
        assertThat(record.path("sender").asText()).isEqualTo("ceo@reject.test");
        assertThat(record.path("senderDomain").asText()).isEqualTo("reject.test");
        assertThat(texts(record.path("recipients"))).containsExactly("inbox@example.org");
        assertThat(record.path("clientIp").asText()).isEqualTo("127.0.0.1");
        assertThat(record.path("helo").asText()).isEqualTo("client.postern.test");
        assertThat(record.path("spf").asText()).isEqualTo("fail");
        assertThat(record.path("dmarc").asText()).isEqualTo("fail");
        assertThat(record.path("action").asText()).isEqualTo("reject");
        assertThat(Instant.parse(record.path("time").asText())).isAfterOrEqualTo(START);

        JsonNode fromOk = awaitScans("senderDomain=ok.test", answer -> answer.path("count").asInt() >= 2);
        assertThat(messageIds(fromOk)).as("one record per scanned message").containsExactlyInAnyOrder(accepted, gtube);
        JsonNode byAction = awaitScans("senderDomain=ok.test&action=no_action", answer -> answer.path("count").asInt() > 0);
        assertThat(byAction.path("scans").get(0).path("messageId").asText()).isEqualTo(accepted);
        assertThat(byAction.path("scans").get(0).path("spf").asText()).isEqualTo("pass");
        assertThat(byAction.path("scans").get(0).path("dmarc").asText()).isEqualTo("pass");
        JsonNode rejected = scans("senderDomain=ok.test&action=reject");
        assertThat(rejected.path("count").asInt()).isEqualTo(1);
        assertThat(rejected.path("scans").get(0).path("messageId").asText()).isEqualTo(gtube);
        assertThat(texts(rejected.path("scans").get(0).path("symbols"))).contains("GTUBE");
        JsonNode greylisted = awaitScans("action=greylist", answer -> answer.path("count").asInt() > 0);
        assertThat(greylisted.path("count").asInt()).isEqualTo(1);
        assertThat(greylisted.path("scans").get(0).path("sender").asText()).isEqualTo("bob@plain.test");
        assertThat(texts(greylisted.path("scans").get(0).path("recipients"))).containsExactly("grey@example.org");
        assertThat(scans("dmarc=fail&senderDomain=ok.test").path("count").asInt()).isZero();

        assertThat(status().path("deadLetters").asLong()).isZero();
    }

    /**
     * WebAdmin's {@code GET /metrics} (James's Prometheus route, listed in conf/webadmin.properties)
     * counts what the hooks decided, the signatures DkimSign made and the records indexed.
     */
    @Test
    @Order(2)
    void metricsCountTheChecksTheScansTheSignaturesAndTheScanLog() throws Exception {
        Map<String, Double> before = metrics();
        assertThat(send("alice@ok.test", "inbox@example.org", message("alice@ok.test", "inbox@example.org", "counted", messageId(), "hi")))
            .startsWith("250");
        assertThat(send("dave@plain.test", "grey@example.org", message("dave@plain.test", "grey@example.org", "grey", messageId(), "hi")))
            .startsWith("451");
        try (SmtpClient smtp = SmtpClient.submission(postern.port(SUBMISSION), "inbox@example.org", PASSWORD)) {
            assertThat(smtp.mailFrom("inbox@example.org")).isEqualTo(250);
            assertThat(smtp.rcptTo("grey@example.org")).isEqualTo(250);
            smtp.data(message("inbox@example.org", "grey@example.org", "signed", messageId(), "hi"));
            assertThat(smtp.reply()).startsWith("250");
        }

        Map<String, Double> after = awaitMetrics(now -> increase(before, now, "postern_dkim_signatures_made_total") >= 2
            && increase(before, now, "postern_scanlog_indexed") >= 2);
        assertThat(increase(before, after, "postern_dkim_signatures_made_total")).as("rsa-sha256 and ed25519-sha256").isEqualTo(2);
        assertThat(increase(before, after, "postern_scans_no_action_total")).isEqualTo(1);
        assertThat(increase(before, after, "postern_scans_greylist_total")).isEqualTo(1);
        assertThat(increase(before, after, "postern_scans_reject_total")).isZero();
        assertThat(increase(before, after, "postern_scan_time_count")).isEqualTo(2);
        assertThat(increase(before, after, "postern_spf_pass_total")).isEqualTo(1);
        assertThat(increase(before, after, "postern_spf_none_total")).isEqualTo(1);
        assertThat(increase(before, after, "postern_dmarc_pass_total")).isEqualTo(1);
        assertThat(increase(before, after, "postern_dmarc_none_total")).isEqualTo(1);
        assertThat(increase(before, after, "postern_dkim_none_total")).as("neither MX message was signed").isEqualTo(2);
        assertThat(increase(before, after, "postern_store_greylist_time_count")).as("the greylisted message's triplet").isPositive();
        assertThat(after).doesNotContainKey("postern_store_greylist_failures_total");
        assertThat(after).containsEntry("postern_storage_healthy", 1.0).containsEntry("postern_scanlog_dead_letters", 0.0);
    }

    /** Every sample of {@code GET /metrics} without labels, by name (Prometheus text format 0.0.4). */
    static Map<String, Double> metrics() throws Exception {
        WebAdmin.Reply reply = webAdmin.getReply("/metrics");
        assertThat(reply.status()).as("GET /metrics: %s", reply.body()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : reply.body().split("\n")) {
            String[] fields = line.split(" ");
            if (!line.startsWith("#") && fields.length == 2) {
                samples.put(fields[0], Double.parseDouble(fields[1]));
            }
        }
        return samples;
    }

    static double increase(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    /** Polls {@code GET /metrics} until {@code done} holds (delivery and indexing are asynchronous). */
    static Map<String, Double> awaitMetrics(Predicate<Map<String, Double>> done) throws Exception {
        Instant deadline = Instant.now().plus(INDEXED);
        Map<String, Double> samples = metrics();
        while (!done.test(samples)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("GET /metrics after " + INDEXED.toSeconds() + "s: " + new TreeMap<>(samples));
            }
            Thread.sleep(250);
            samples = metrics();
        }
        return samples;
    }

    @Test
    @Order(3)
    void aBadSearchIsRefusedNamingTheParameter() throws Exception {
        WebAdmin.Reply unknown = webAdmin.getReply("/postern/scans?domain=ok.test");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown parameter 'domain'").contains("senderDomain");
        WebAdmin.Reply badResult = webAdmin.getReply("/postern/scans?dmarc=failed");
        assertThat(badResult.status()).isEqualTo(400);
        assertThat(badResult.body()).contains("dmarc=failed").contains("fail");
        assertThat(webAdmin.getReply("/postern/scans?from=last%20week").status()).isEqualTo(400);
        assertThat(webAdmin.getReply("/postern/scans?action=bounce").status()).isEqualTo(400);
    }

    /**
     * OpenSearch becomes unreachable (the proxy refuses connections) while mail arrives: every
     * message is accepted and delivered, and every record is in the index once it is back.
     */
    @Test
    @Order(4)
    void anOpenSearchOutageLosesNoMailAndNoRecord() throws Exception {
        int count = 8;
        List<String> sent = new ArrayList<>();
        proxy.cut();
        try {
            for (int i = 0; i < count; i++) {
                String id = "<outage-" + i + "-" + UUID.randomUUID() + "@ok.test>";
                sent.add(id);
                assertThat(send("carol@ok.test", "inbox@example.org",
                    message("carol@ok.test", "inbox@example.org", "during the outage " + i, id, "hi")))
                    .as("message %d while OpenSearch is unreachable", i).startsWith("250");
            }
            try (ImapClient imap = ImapClient.startTls(postern.port(IMAP), "inbox@example.org", PASSWORD)) {
                for (int i = 0; i < count; i++) {
                    imap.awaitMessageContaining("INBOX", "Subject: during the outage " + i, DELIVERY);
                }
            }
            awaitFailedAttempts();
            WebAdmin.Reply search = webAdmin.getReply("/postern/scans?senderDomain=ok.test");
            assertThat(search.status()).as("a search while OpenSearch is unreachable: %s", search.body()).isEqualTo(503);
            assertThat(search.body()).contains("opensearch.hosts");
        } finally {
            proxy.restore();
        }

        JsonNode after = awaitScans("senderDomain=ok.test&limit=1000", answer -> messageIds(answer).containsAll(sent));
        assertThat(messageIds(after).stream().filter(sent::contains)).as("each record once").hasSize(count);
        assertThat(status().path("deadLetters").asLong()).as("records dropped").isZero();
    }

    private static void awaitFailedAttempts() throws Exception {
        Instant deadline = Instant.now().plus(INDEXED);
        while (status().path("failedAttempts").asLong() == 0) {
            assertThat(Instant.now()).as("a failed bulk request while OpenSearch is unreachable; status %s", status())
                .isBefore(deadline);
            Thread.sleep(250);
        }
    }

    /** opensearch.enabled=true with nothing listening at opensearch.hosts: the start stops with one error naming it. */
    @Test
    @Order(5)
    void aStartWithOpenSearchUnreachableFailsNamingTheSetting() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path conf = PosternServer.copyConfiguration(data.resolve("conf-unreachable"));
        enableOpenSearch(conf, "opensearch.hosts=http://127.0.0.1:" + closed + "\n");
        PosternServer unreachable = PosternServer.withFreePorts(data.resolve("run-unreachable"), Map.of("POSTERN_DNS", dns.address()));
        try {
            assertThatThrownBy(() -> unreachable.start("--conf", conf.toString()))
                .hasMessageContaining("did not print 'Postern ready'");
            assertThat(String.join("\n", unreachable.output()))
                .contains("postern-server: cannot start: conf/postern.properties, opensearch.enabled: OpenSearch at [http://127.0.0.1:"
                    + closed + "] is not reachable")
                .contains("check opensearch.hosts");
        } finally {
            unreachable.stop();
        }
    }
}
