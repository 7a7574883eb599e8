package dev.postern.opensearch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opensearch.client.Request;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import dev.postern.scanlog.ScanQuery;
import dev.postern.scanlog.ScanRecord;

/** Searches the scan log's daily indices: by sender domain, SPF/DKIM/DMARC result, action and time range, newest first. */
public final class ScanSearch {

    static final Duration SHARD_START = Duration.ofSeconds(10);
    static final int ATTEMPTS = 3;

    private final OpenSearchClient client;
    private final RestClient rest;
    private final ScanIndices indices;

    public ScanSearch(OpenSearchClients clients, OpenSearchSettings settings) {
        this.client = clients.client();
        this.rest = clients.rest();
        this.indices = new ScanIndices(clients.rest(), settings.indexPrefix());
    }

    /**
     * The records that match, newest first. A daily index the indexer has just created answers
     * 503 ("all shards failed") until its shard has started, even once cluster health already
     * says yellow; then this waits for no shard of the indices to be initializing (at most
     * {@link #SHARD_START}) and asks again, {@link #ATTEMPTS} times in all, so that the first
     * search of a day does not fail. A lasting 503 is thrown as it came.
     */
    public List<ScanRecord> search(ScanQuery query) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return searchOnce(query);
            } catch (ResponseException | OpenSearchException e) {
                if (status(e) != 503 || attempt == ATTEMPTS) {
                    throw e;
                }
                awaitStartedShards();
            }
        }
    }

    private static int status(Exception e) {
        return e instanceof ResponseException response
            ? response.getResponse().getStatusLine().getStatusCode()
            : ((OpenSearchException) e).status();
    }

    private void awaitStartedShards() throws IOException {
        Request health = new Request("GET", "/_cluster/health/" + indices.pattern());
        health.addParameter("wait_for_status", "yellow");
        health.addParameter("wait_for_no_initializing_shards", "true");
        health.addParameter("timeout", SHARD_START.toSeconds() + "s");
        try {
            rest.performRequest(health);
        } catch (ResponseException e) {
            // 408: still not started; the next search says what is wrong
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private List<ScanRecord> searchOnce(ScanQuery query) throws IOException {
        List<Query> filters = new ArrayList<>();
        query.senderDomain().ifPresent(domain -> filters.add(term("sender_domain", domain)));
        query.action().ifPresent(action -> filters.add(term("action", action)));
        query.spf().ifPresent(spf -> filters.add(term("spf", spf)));
        query.dkim().ifPresent(dkim -> filters.add(term("dkim", dkim)));
        query.dmarc().ifPresent(dmarc -> filters.add(term("dmarc", dmarc)));
        query.result().ifPresent(result -> filters.add(Query.of(q -> q.bool(b -> b
            .should(term("spf", result), term("dkim", result), term("dmarc", result))
            .minimumShouldMatch("1")))));
        if (query.from().isPresent() || query.to().isPresent()) {
            filters.add(Query.of(q -> q.range(r -> {
                r.field("time");
                query.from().ifPresent(from -> r.gte(JsonData.of(from.toString())));
                query.to().ifPresent(to -> r.lt(JsonData.of(to.toString())));
                return r;
            })));
        }
        SearchResponse<Map> response = client.search(s -> s
            .index(indices.pattern())
            .ignoreUnavailable(true)
            .allowNoIndices(true)
            .query(q -> q.bool(b -> b.filter(filters)))
            .sort(sort -> sort.field(f -> f.field("time").order(SortOrder.Desc)))
            .size(query.limit()), Map.class);
        List<ScanRecord> records = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            records.add(record(hit.source()));
        }
        return records;
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    @SuppressWarnings("unchecked")
    private static ScanRecord record(Map<String, Object> source) {
        return new ScanRecord(Instant.parse((String) source.get("time")), (String) source.get("message_id"),
            (String) source.get("sender"), (List<String>) source.getOrDefault("recipients", List.of()),
            (String) source.get("client_ip"), (String) source.get("helo"), (String) source.get("spf"),
            (String) source.get("dkim"), (String) source.get("dmarc"),
            ((Number) source.getOrDefault("score", 0)).doubleValue(), (String) source.get("action"),
            (List<String>) source.getOrDefault("symbols", List.of()));
    }
}
