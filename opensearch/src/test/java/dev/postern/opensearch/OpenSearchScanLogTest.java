package dev.postern.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.postern.cluster.InMemoryLeaseStore;
import dev.postern.cluster.LeaseStore;
import dev.postern.net.TcpProxy;
import dev.postern.scanlog.ScanQuery;
import dev.postern.scanlog.ScanRecord;

class OpenSearchScanLogTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final OpenSearchSettings settings = TestOpenSearch.settings();
    private final OpenSearchClients clients = new OpenSearchClients(settings);

    @AfterEach
    void cleanUp() throws Exception {
        TestOpenSearch.cleanUp(clients, settings);
        clients.close();
    }

    static ScanRecord record(Instant time, String sender, String spf, String dmarc, String action, int n) {
        return new ScanRecord(time, "<m" + n + "@" + sender.substring(sender.indexOf('@') + 1) + ">", sender,
            List.of("me@example.org"), "192.0.2." + (n % 250 + 1), "mx.sender.example", spf, "pass", dmarc,
            n / 10.0, action, List.of("SYM_" + n));
    }

    private static void awaitIndexed(OpenSearchScanLog log, long count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (log.indexed() < count && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(log.indexed()).as("records indexed").isEqualTo(count);
    }

    @Test
    void recordsAreIndexedIntoDailyIndicesAndFoundBySenderDomainResultActionAndTime() throws Exception {
        ScanSearch search = new ScanSearch(clients, settings);
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        try (OpenSearchScanLog log = new OpenSearchScanLog(clients, settings)) {
            assertThat(log.submit(record(NOW, "a@shop.example", "pass", "pass", "accept", 1))).isTrue();
            assertThat(log.submit(record(NOW.minusSeconds(5), "b@Phish.example", "fail", "fail", "reject", 2))).isTrue();
            assertThat(log.submit(record(yesterday, "c@phish.example", "pass", "fail", "quarantine", 3))).isTrue();
            awaitIndexed(log, 3, Duration.ofSeconds(30));
        }
        TestOpenSearch.refresh(clients, settings);

        ScanIndices indices = new ScanIndices(clients.rest(), settings.indexPrefix());
        assertThat(indices.existing().values()).containsExactlyInAnyOrder(indices.indexFor(NOW), indices.indexFor(yesterday));
        assertThat(indices.indexFor(Instant.parse("2026-03-04T23:59:59Z"))).isEqualTo(settings.indexPrefix() + "-2026.03.04");

        assertThat(search.search(ScanQuery.all().senderDomain("phish.example")))
            .extracting(ScanRecord::messageId).containsExactly("<m2@Phish.example>", "<m3@phish.example>");
        assertThat(search.search(ScanQuery.all().result("fail"))).extracting(ScanRecord::action)
            .containsExactly("reject", "quarantine");
        assertThat(search.search(ScanQuery.all().result("fail").action("reject"))).hasSize(1);
        assertThat(search.search(ScanQuery.all().senderDomain("phish.example").dmarc("fail").spf("pass")))
            .extracting(ScanRecord::action).containsExactly("quarantine");
        assertThat(search.search(ScanQuery.all().dkim("fail"))).isEmpty();
        assertThat(search.search(ScanQuery.all().from(NOW.minusSeconds(60)).limit(1)))
            .extracting(ScanRecord::envelopeSender).containsExactly("a@shop.example");
        assertThat(search.search(ScanQuery.all().between(NOW.minusSeconds(60), NOW.plusSeconds(1))))
            .extracting(ScanRecord::envelopeSender).containsExactly("a@shop.example", "b@Phish.example");

        ScanRecord found = search.search(ScanQuery.all().senderDomain("shop.example")).get(0);
        assertThat(found).isEqualTo(record(NOW, "a@shop.example", "pass", "pass", "accept", 1));
    }

    @Test
    void retentionDeletesTheIndicesOfOlderDays() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant old = today.minusDays(40).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant recent = today.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC);
        try (OpenSearchScanLog log = new OpenSearchScanLog(clients, settings)) {
            log.submit(record(old, "a@old.example", "pass", "pass", "accept", 1));
            log.submit(record(recent, "a@recent.example", "pass", "pass", "accept", 2));
            awaitIndexed(log, 2, Duration.ofSeconds(30));
        }
        ScanIndices indices = new ScanIndices(clients.rest(), settings.indexPrefix());
        LeaseStore leases = new InMemoryLeaseStore(Clock.systemUTC());
        try (RetentionJob first = new RetentionJob(indices, 30, leases, Clock.systemUTC());
             RetentionJob second = new RetentionJob(indices, 30, leases, Clock.systemUTC())) {
            assertThat(first.runOnce()).containsExactly(indices.indexFor(old));
            assertThat(second.runOnce()).as("another server, while the first holds the lease").isEmpty();
        }
        assertThat(indices.existing().values()).containsExactly(indices.indexFor(recent));
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", URI.create(TestOpenSearch.url()).getPort())) {
            proxy.cut();
            OpenSearchSettings unreachable = OpenSearchSettings.from(key -> switch (key) {
                case OpenSearchSettings.HOSTS -> "http://127.0.0.1:" + proxy.port();
                case OpenSearchSettings.QUEUE_CAPACITY -> "10";
                case OpenSearchSettings.INDEX_PREFIX -> settings.indexPrefix();
                default -> null;
            });
            try (OpenSearchClients nowhere = new OpenSearchClients(unreachable);
                 OpenSearchScanLog log = new OpenSearchScanLog(nowhere, unreachable)) {
                int accepted = 0;
                for (int i = 0; i < 1000; i++) {
                    if (log.submit(record(NOW, "a@x.example", "pass", "pass", "accept", i))) {
                        accepted++;
                    }
                }
                assertThat(accepted).as("the queue (10) and the batch the worker holds").isBetween(10, 20);
                assertThat(log.deadLetters()).isEqualTo(1000 - accepted);
                assertThat(log.status().deadLetters()).isEqualTo(1000 - accepted);
            }
        }
    }

    /** OpenSearch "goes down" behind a proxy that refuses connections; the shared server keeps running. */
    @Test
    void recordsSubmittedWhileOpenSearchIsDownAppearWhenItIsBack() throws Exception {
        int count = 200;
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", URI.create(TestOpenSearch.url()).getPort())) {
            OpenSearchSettings behindProxy = OpenSearchSettings.forTests("http://127.0.0.1:" + proxy.port(), settings.indexPrefix());
            try (OpenSearchClients proxied = new OpenSearchClients(behindProxy);
                 OpenSearchScanLog log = new OpenSearchScanLog(proxied, behindProxy)) {
                log.submit(record(NOW, "a@before.example", "pass", "pass", "accept", 0));
                awaitIndexed(log, 1, Duration.ofSeconds(30));
                proxy.cut();
                for (int i = 1; i <= count; i++) {
                    assertThat(log.submit(record(NOW.plusMillis(i), "a@during.example", "pass", "pass", "accept", i))).isTrue();
                }
                awaitFailedAttempt(log, Duration.ofSeconds(30));
                assertThat(log.indexed()).isEqualTo(1);
                assertThatThrownBy(log::check).as("the health check while down").isInstanceOf(RuntimeException.class);

                proxy.restore();
                awaitIndexed(log, count + 1, Duration.ofSeconds(60));
                assertThat(log.deadLetters()).isZero();
                log.check();
            }
        }
        TestOpenSearch.refresh(clients, settings);
        assertThat(new ScanSearch(clients, settings).search(ScanQuery.all().senderDomain("during.example").limit(1000)))
            .hasSize(count);
    }

    private static void awaitFailedAttempt(OpenSearchScanLog log, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (log.failedAttempts() == 0 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(log.failedAttempts()).as("failed bulk attempts while down").isPositive();
    }
}
