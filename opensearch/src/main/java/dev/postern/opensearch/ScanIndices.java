package dev.postern.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.postern.scanlog.ScanRecord;

/**
 * The daily indices {@code <prefix>-YYYY.MM.DD} (UTC day of the scan), their index template,
 * and retention: indices of days older than {@code opensearch.retention.days} are deleted.
 */
public final class ScanIndices {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient rest;
    private final String prefix;

    public ScanIndices(RestClient rest, String prefix) {
        this.rest = rest;
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The index a record goes to. */
    public String indexFor(Instant time) {
        return prefix + "-" + DAY.format(time.atZone(ZoneOffset.UTC));
    }

    /** All daily indices, as a search pattern. */
    public String pattern() {
        return prefix + "-*";
    }

    /** Installs (or replaces) the index template every daily index is created from. */
    public void installTemplate() throws IOException {
        Map<String, Object> keyword = Map.of("type", "keyword");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("time", Map.of("type", "date"));
        for (String field : List.of("message_id", "sender", "sender_domain", "recipients", "helo", "spf", "dkim",
            "dmarc", "action", "symbols")) {
            properties.put(field, keyword);
        }
        properties.put("client_ip", Map.of("type", "ip", "ignore_malformed", true));
        properties.put("score", Map.of("type", "double"));
        Map<String, Object> template = Map.of(
            "index_patterns", List.of(pattern()),
            "template", Map.of(
                "settings", Map.of("number_of_shards", 1, "number_of_replicas", 0),
                "mappings", Map.of("dynamic", "strict", "properties", properties)));
        Request request = new Request("PUT", "/_index_template/" + prefix);
        request.setJsonEntity(JSON.writeValueAsString(template));
        rest.performRequest(request);
    }

    /** The daily indices that exist, by day. */
    public Map<LocalDate, String> existing() throws IOException {
        Request request = new Request("GET", "/_cat/indices/" + pattern());
        request.addParameter("format", "json");
        request.addParameter("h", "index");
        Map<LocalDate, String> found = new LinkedHashMap<>();
        Response response;
        try {
            response = rest.performRequest(request);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return found;
            }
            throw e;
        }
        try (InputStream body = response.getEntity().getContent()) {
            for (JsonNode index : JSON.readTree(body)) {
                String name = index.path("index").asText();
                if (name.startsWith(prefix + "-")) {
                    try {
                        found.put(LocalDate.parse(name.substring(prefix.length() + 1), DAY), name);
                    } catch (DateTimeParseException e) {
                        // not one of ours
                    }
                }
            }
        }
        return found;
    }

    /** Deletes the daily indices of days before {@code today - retentionDays}; returns their names. */
    public List<String> deleteExpired(LocalDate today, int retentionDays) throws IOException {
        LocalDate oldestKept = today.minusDays(retentionDays);
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<LocalDate, String> index : existing().entrySet()) {
            if (index.getKey().isBefore(oldestKept)) {
                rest.performRequest(new Request("DELETE", "/" + index.getValue()));
                deleted.add(index.getValue());
            }
        }
        return deleted;
    }

    /** The document of a record, as the template maps it. */
    static Map<String, Object> document(ScanRecord record) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("time", record.time().toString());
        document.put("message_id", record.messageId());
        document.put("sender", record.envelopeSender());
        document.put("sender_domain", record.senderDomain());
        document.put("recipients", record.recipients());
        record.clientAddress().ifPresent(ip -> document.put("client_ip", ip));
        document.put("helo", record.helo());
        document.put("spf", record.spf());
        document.put("dkim", record.dkim());
        document.put("dmarc", record.dmarc());
        document.put("score", record.score());
        document.put("action", record.action());
        document.put("symbols", record.symbols());
        return document;
    }
}
