package dev.postern.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.postern.scanlog.ScanQuery;
import dev.postern.scanlog.ScanRecord;

/**
 * What OpenSearch answers a search over a daily index whose shard has not started yet (the
 * indexer created it a moment ago), played by a loopback HTTP server: the real one answers it
 * only in that short window, which a test cannot aim at.
 */
class ScanSearchTest {

    static final String NOT_STARTED = "{\"error\":{\"root_cause\":[],\"type\":\"search_phase_execution_exception\","
        + "\"reason\":\"all shards failed\",\"phase\":\"query\",\"grouped\":true,\"failed_shards\":[]},\"status\":503}";
    static final String ONE_HIT = "{\"took\":1,\"timed_out\":false,"
        + "\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0},"
        + "\"hits\":{\"total\":{\"value\":1,\"relation\":\"eq\"},\"max_score\":null,\"hits\":[{\"_index\":\"scans-2026.11.29\","
        + "\"_id\":\"1\",\"_score\":null,\"_source\":{\"time\":\"2026-11-29T19:22:06Z\",\"message_id\":\"<1@ok.test>\","
        + "\"sender\":\"ceo@reject.test\",\"sender_domain\":\"reject.test\",\"recipients\":[\"inbox@example.org\"],"
        + "\"client_ip\":\"127.0.0.1\",\"helo\":\"client.test\",\"spf\":\"fail\",\"dkim\":\"none\",\"dmarc\":\"fail\","
        + "\"score\":0.0,\"action\":\"reject\",\"symbols\":[]}}]}}";

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> queries = new CopyOnWriteArrayList<>();

    /** A server that answers searches with {@code statuses} in turn, the last one again and again. */
    ScanSearch searchAgainst(int... statuses) throws IOException {
        AtomicInteger searches = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            queries.add(String.valueOf(exchange.getRequestURI().getQuery()));
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/_search")) {
                int status = statuses[Math.min(searches.getAndIncrement(), statuses.length - 1)];
                answer(exchange, status, status == 200 ? ONE_HIT : NOT_STARTED);
            } else {
                answer(exchange, 200, "{\"status\":\"yellow\"}");
            }
        });
        server.start();
        OpenSearchSettings settings = OpenSearchSettings.from(Map.of(
            OpenSearchSettings.HOSTS, "http://127.0.0.1:" + server.getAddress().getPort(),
            OpenSearchSettings.INDEX_PREFIX, "scans")::get);
        return new ScanSearch(new OpenSearchClients(settings), settings);
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aShardNotStartedYetIsWaitedForOnce() throws Exception {
        List<ScanRecord> records = searchAgainst(503, 200).search(ScanQuery.all());

        assertThat(records).extracting(ScanRecord::messageId).containsExactly("<1@ok.test>");
        assertThat(requests).containsExactly("POST /scans-*/_search", "GET /_cluster/health/scans-*", "POST /scans-*/_search");
        assertThat(queries.get(1)).as("health waits until no shard is initializing")
            .contains("wait_for_status=yellow").contains("wait_for_no_initializing_shards=true");
    }

    @Test
    void aShardStillStartingAfterTheFirstWaitIsWaitedForAgain() throws Exception {
        List<ScanRecord> records = searchAgainst(503, 503, 200).search(ScanQuery.all());

        assertThat(records).extracting(ScanRecord::messageId).containsExactly("<1@ok.test>");
        assertThat(requests).filteredOn(request -> request.endsWith("/_search")).hasSize(3);
    }

    @Test
    void anOutageThatLastsIsReported() throws Exception {
        ScanSearch search = searchAgainst(503);

        assertThatThrownBy(() -> search.search(ScanQuery.all())).hasMessageContaining("all shards failed");
        assertThat(requests).as("three searches, a wait for the shards between each two")
            .filteredOn(request -> request.endsWith("/_search")).hasSize(ScanSearch.ATTEMPTS);
        assertThat(requests).hasSize(2 * ScanSearch.ATTEMPTS - 1);
    }
}
