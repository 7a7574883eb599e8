package dev.postern.it;

import static dev.postern.it.PosternServer.Listener.IMAP;
import static dev.postern.it.PosternServer.Listener.SMTP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.postern.dns.LoopbackDnsServer;

/**
 * Two Postern servers on one machine sharing one Cassandra keyspace ({@code storage=cassandra}),
 * as a cluster behind one MX does: what one learns, the other knows. The keyspace is new for
 * each run ({@code postern_it_<random>}, created by the servers, dropped at the end); Cassandra
 * is the test one ({@code -Dpostern.cassandra}, started by {@code ./postern test}). Domains and
 * users live in each server's memory, so both get them. Rules: src/test/resources/cluster/scoring.xml.
 */
class ClusterTest {

    static final String PASSWORD = "secret-Passw0rd";
    static final Duration DELIVERY = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    static String keyspace;
    static PosternServer nodeA;
    static PosternServer nodeB;
    /** Both nodes' DNS: the zone of a sender whose DMARC policy asks for aggregate reports. */
    static LoopbackDnsServer dns;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        keyspace = "postern_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path conf = data.resolve("conf-source");
        PosternServer.copyConfiguration(conf);
        try (InputStream rules = ClusterTest.class.getResourceAsStream("/cluster/scoring.xml")) {
            Files.copy(rules, conf.resolve("scoring.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        PosternServer.replaceSetting(conf, "storage=memory", "storage=cassandra");
        PosternServer.addSettings(conf, "cassandra.contact.points=" + cassandra() + "\ncassandra.keyspace=" + keyspace);
        PosternServer.replaceSetting(conf, "dmarc.reports.enabled=false", "dmarc.reports.enabled=true");
        PosternServer.replaceSetting(conf, "dmarc.reports.from=", "dmarc.reports.from=dmarc-reports@example.org");
        dns = LoopbackDnsServer.start();
        dns.add("reports.test. 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "rep.test. 300 IN TXT \"v=spf1 ip4:127.0.0.1 -all\"",
            "_dmarc.reports.test. 300 IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc@reports.test\"");

        // Started together, as servers of a cluster often are: both find the keyspace missing.
        PosternServer a = PosternServer.withFreePorts(data.resolve("a"), Map.of("POSTERN_DNS", dns.address()));
        PosternServer b = PosternServer.withFreePorts(data.resolve("b"), Map.of("POSTERN_DNS", dns.address()));
        CompletableFuture<PosternServer> startA = start(a, conf);
        CompletableFuture<PosternServer> startB = start(b, conf);
        nodeA = startA.join();
        nodeB = startB.join();
        for (PosternServer node : List.of(nodeA, nodeB)) {
            node.webAdmin().addDomain("example.org");
            node.webAdmin().addUser("grey@example.org", PASSWORD);
            node.webAdmin().addUser("bayes@example.org", PASSWORD);
            node.webAdmin().addUser("reputation@example.org", PASSWORD);
        }
    }

    private static CompletableFuture<PosternServer> start(PosternServer node, Path conf) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return node.start("--conf", conf.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stopAndDropTheKeyspace() throws Exception {
        try {
            // stopped together: James takes a few seconds per listener to stop
            CompletableFuture<Void> stopA = stop(nodeA);
            CompletableFuture<Void> stopB = stop(nodeB);
            stopA.join();
            stopB.join();
        } finally {
            if (dns != null) {
                dns.close();
            }
            try (CqlSession session = CqlSession.builder().addContactPoint(address(cassandra()))
                    .withLocalDatacenter("datacenter1").build()) {
                session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace).setTimeout(Duration.ofMinutes(1)));
            }
        }
    }

    private static CompletableFuture<Void> stop(PosternServer node) {
        return CompletableFuture.runAsync(() -> {
            if (node == null) {
                return;
            }
            try {
                node.stop();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(printed(node, "Postern: storage (cassandra) closed")).as("the Cassandra session is closed at stop").isTrue();
        });
    }

    @Test
    void aMessageGreylistedByOneNodeIsAcceptedOnRetryByTheOther() throws Exception {
        String message = message("grey@example.org", "greylisted on A", "hello");

        assertThat(send(nodeA, "grey@example.org", message)).startsWith("451").contains("Greylisted");
        Thread.sleep(2500); // the rules' delay is 2 s
        assertThat(send(nodeB, "grey@example.org", message)).as("the retry, to the other node").startsWith("250");

        try (ImapClient imap = ImapClient.startTls(nodeB.port(IMAP), "grey@example.org", PASSWORD)) {
            String delivered = imap.awaitMessageContaining("INBOX", "Subject: greylisted on A", DELIVERY);
            assertThat(delivered).contains("GREYLIST_PASSED");
        }
    }

    /**
     * DMARC report records are in the keyspace: what A filed, B lists (and would report); the
     * same message sent again (same client, envelope and Message-ID, as a retry is) to B counts
     * once. SPF and DMARC pass, so the message scores 0 and is not greylisted.
     */
    @Test
    void dmarcReportRecordsOfOneNodeAreSeenByTheOtherAndARetryCountsOnce() throws Exception {
        String message = SmtpClient.message("news@reports.test", "grey@example.org", "report me", "hello");
        assertThat(SmtpClient.send(nodeA.port(SMTP), "news@reports.test", "grey@example.org", message)).startsWith("250");
        assertThat(nodeB.webAdmin().get("/postern/dmarc/reports"))
            .containsPattern("\"domain\":\"reports.test\",[^}]*\"messages\":1}");

        assertThat(SmtpClient.send(nodeB.port(SMTP), "news@reports.test", "grey@example.org", message)).startsWith("250");
        for (PosternServer node : List.of(nodeA, nodeB)) {
            assertThat(node.webAdmin().get("/postern/dmarc/reports"))
                .containsPattern("\"domain\":\"reports.test\",[^}]*\"messages\":1}");
        }
    }

    @Test
    void bayesLearnedOnOneNodeScoresOnTheOther() throws Exception {
        String spam = message("bayes@example.org", "great deal",
            "Cheap replica watches, miracle pills and casino bonus: click now, limited offer, act today!");
        String ham = message("bayes@example.org", "meeting notes",
            "Minutes of the tuesday meeting about the garden project and the budget review.");
        assertThat(nodeB.webAdmin().post("/postern/scan?rcpt=bayes@example.org", spam))
            .as("nothing learned yet").doesNotContain("BAYES_SPAM");

        assertThat(nodeA.webAdmin().post("/postern/bayes/spam?user=bayes@example.org", spam)).isEqualTo("{\"learned\":true}");
        assertThat(nodeA.webAdmin().post("/postern/bayes/ham?user=bayes@example.org", ham)).isEqualTo("{\"learned\":true}");

        assertThat(nodeB.webAdmin().post("/postern/scan?rcpt=bayes@example.org", spam)).contains("BAYES_SPAM");
        assertThat(nodeB.webAdmin().post("/postern/bayes/spam?user=bayes@example.org", spam))
            .as("B knows A learned it").isEqualTo("{\"learned\":false}");
    }

    /**
     * Reputation lives in the keyspace: spam refused by A gives its SPF-authenticated sender
     * domain a bad name on B. (The domain, rep.test, is this test's alone; the client network
     * 127.0.0.0/24 is every test's.)
     */
    @Test
    void aSendersReputationEarnedOnOneNodeScoresOnTheOther() throws Exception {
        String gtube = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
        for (int i = 0; i < 3; i++) {
            assertThat(SmtpClient.send(nodeA.port(SMTP), "spammer@rep.test", "reputation@example.org",
                message("reputation@example.org", "gtube " + i, gtube))).startsWith("554");
        }

        assertThat(SmtpClient.send(nodeB.port(SMTP), "spammer@rep.test", "reputation@example.org",
            message("reputation@example.org", "after the spam", "hello"))).startsWith("250");

        try (ImapClient imap = ImapClient.startTls(nodeB.port(IMAP), "reputation@example.org", PASSWORD)) {
            String delivered = imap.awaitMessageContaining("INBOX", "Subject: after the spam", DELIVERY);
            assertThat(delivered.replaceAll("\r\n[ \t]+", " ")).contains("SPF_REPUTATION_SPAM(1.00)[rep.test,3 spam of 3]");
        }
    }

    /** DKIM keys live in the keyspace: the keys A made are the ones B signs with and publishes. */

    @Test
    void bothNodesProposeTheSameDkimKeys() throws Exception {
        String fromA = nodeA.webAdmin().get("/postern/dns-records/example.org?format=zone");
        String fromB = nodeB.webAdmin().get("/postern/dns-records/example.org?format=zone");

        assertThat(fromA).contains("postern-rsa-").contains("postern-ed-").contains("p=");
        assertThat(fromB).isEqualTo(fromA);
    }

    /**
     * A new domain's keys are made by one node, under lease {@code dkim-keys/DOMAIN}: without it,
     * nodes checking a domain together each add a pair (postern-rsa-YYYYMM, then
     * postern-rsa-YYYYMM-2 ...). Both nodes check localhost at start; example.org is asked of
     * both at once here (the keys route makes missing keys).
     */
    @Test
    void eachDomainGetsOnePairOfDkimKeysFromTheTwoNodes() throws Exception {
        CompletableFuture<String> onA = keysOf(nodeA, "example.org");
        CompletableFuture<String> onB = keysOf(nodeB, "example.org");
        onA.join();
        onB.join();

        for (String domain : List.of("example.org", "localhost")) {
            String fromA = nodeA.webAdmin().get("/postern/dkim/" + domain + "/keys");
            assertThat(nodeB.webAdmin().get("/postern/dkim/" + domain + "/keys")).isEqualTo(fromA);
            assertThat(Pattern.compile("\"selector\":\"postern-rsa-").matcher(fromA).results().count()).as(domain + ": " + fromA).isEqualTo(1);
            assertThat(Pattern.compile("\"selector\":\"postern-ed-").matcher(fromA).results().count()).as(domain + ": " + fromA).isEqualTo(1);
        }
    }

    private static CompletableFuture<String> keysOf(PosternServer node, String domain) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return node.webAdmin().get("/postern/dkim/" + domain + "/keys");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The schema is migrated by one node: the one holding lease 'schema-migration'; the other waits for it. */
    @Test
    void theLeaseGuardedSchemaMigrationRanOnExactlyOneNode() {
        List<String> migrated = Stream.of(nodeA, nodeB)
            .filter(node -> printed(node, "Cassandra keyspace " + keyspace + ": schema migrated from version 0"))
            .map(node -> node.dataDirectory().getFileName().toString())
            .toList();
        List<String> waited = Stream.of(nodeA, nodeB)
            .filter(node -> printed(node, "Cassandra keyspace " + keyspace + ": schema at version"))
            .map(node -> node.dataDirectory().getFileName().toString())
            .toList();

        assertThat(migrated).hasSize(1);
        assertThat(waited).hasSize(1).doesNotContainAnyElementsOf(migrated);
    }

    @Test
    void healthChecksListTheStorageAndTheScanLogHealthy() throws Exception {
        for (PosternServer node : List.of(nodeA, nodeB)) {
            String all = node.webAdmin().get("/healthcheck");
            assertThat(all).contains("\"componentName\":\"Postern storage\"").contains("\"componentName\":\"Postern scan log\"");
            assertThat(node.webAdmin().get("/healthcheck/checks/Postern%20storage")).contains("\"status\":\"healthy\"");
            assertThat(node.webAdmin().get("/healthcheck/checks/Postern%20scan%20log")).contains("\"status\":\"healthy\"");
        }
    }

    private static boolean printed(PosternServer node, String text) {
        return node.output().stream().anyMatch(line -> line.contains(text));
    }

    static String message(String to, String subject, String body) {
        return ScoringTest.message(to, subject, body);
    }

    static String send(PosternServer node, String to, String message) throws Exception {
        return SmtpClient.send(node.port(SMTP), "friend@remote.example", to, message);
    }

    static String cassandra() {
        String address = System.getProperty("postern.cassandra", System.getenv("POSTERN_CASSANDRA"));
        if (address == null || address.isBlank()) {
            throw new IllegalStateException("no Cassandra for ClusterTest: run ./postern test (it starts one), or"
                + " ./postern backends start and pass -Dpostern.cassandra=127.0.0.1:19042 to Maven");
        }
        return address;
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
