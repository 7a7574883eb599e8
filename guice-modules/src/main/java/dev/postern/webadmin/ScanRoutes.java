package dev.postern.webadmin;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import dev.postern.scanlog.ScanLog;
import dev.postern.scanlog.ScanLogStatus;
import dev.postern.scanlog.ScanQuery;
import dev.postern.scanlog.ScanRecord;
import dev.postern.score.Action;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes over the scan log (one record per scanned message, {@code opensearch.enabled=true}
 * in {@code conf/postern.properties}):
 * <ul>
 * <li>{@code GET /postern/scans}: the records matching every parameter given, newest first:
 *   <ul>
 *   <li>{@code senderDomain}: domain of the envelope sender (MAIL FROM);</li>
 *   <li>{@code result}: SPF, DKIM or DMARC has this result; {@code spf}, {@code dkim}, {@code dmarc}: that
 *       method has it (RFC 8601 words: pass, fail, softfail, neutral, none, temperror, permerror, policy);</li>
 *   <li>{@code action}: reject, soft reject, greylist, add header, rewrite subject, no action
 *       ({@code soft_reject} and {@code add-header} are read the same);</li>
 *   <li>{@code from} (inclusive), {@code to} (exclusive): an instant ({@code 2026-11-23T08:00:00Z}) or a
 *       UTC day ({@code 2026-11-23}, its start);</li>
 *   <li>{@code limit}: 1 to 10000, default 100.</li>
 *   </ul>
 *   Every message that failed DMARC from example.org since Monday:
 *   {@code GET /postern/scans?senderDomain=example.org&dmarc=fail&from=2026-11-23}. Answers
 *   {@code {"count":1,"scans":[{"time":"...","messageId":"<...>","sender":"...","senderDomain":"...",
 *   "recipients":[...],"clientIp":"...","helo":"...","spf":"...","dkim":"...","dmarc":"...","score":0.0,
 *   "action":"reject","symbols":[...]}]}}; 400 for an unknown parameter or value, 409 when the scan
 *   log is off, 503 when OpenSearch does not answer.</li>
 * <li>{@code GET /postern/scans/status}: {@code {"enabled":true,"indexed":..,"queued":..,"deadLetters":..,
 *   "failedAttempts":..}} since the server started; dead letters are records dropped (queue full,
 *   refused by OpenSearch, or still failing after {@code opensearch.retry.max}).</li>
 * </ul>
 * James loads them when {@code conf/webadmin.properties} lists them:
 * {@code extensions.routes=dev.postern.webadmin.ScanRoutes}.
 */
public class ScanRoutes implements Routes {

    public static final String SCANS = PosternPaths.BASE + "/scans";

    /** The result words of RFC 8601 section 2.7 for SPF, DKIM and DMARC. */
    static final Set<String> RESULTS = Set.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror", "policy");

    private static final Map<String, BiFunction<ScanQuery, String, ScanQuery>> PARAMETERS = parameters();

    private final ScanLog scanLog;
    private final JsonTransformer json;

    @Inject
    public ScanRoutes(ScanLog scanLog, JsonTransformer json) {
        this.scanLog = scanLog;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return PosternPaths.BASE;
    }

    @Override
    public void define(Service service) {
        service.get(SCANS, this::search, json);
        service.get(SCANS + "/status", (request, response) -> status(scanLog.status()), json);
    }

    private Object search(Request request, Response response) {
        ScanQuery query = query(request);
        List<ScanRecord> records;
        try {
            records = scanLog.search(query);
        } catch (UnsupportedOperationException e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.CONFLICT_409).type(ErrorResponder.ErrorType.WRONG_STATE)
                .message(e.getMessage()).haltError();
        } catch (IOException | RuntimeException e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.SERVICE_UNAVAILABLE_503).type(ErrorResponder.ErrorType.SERVER_ERROR)
                .message("OpenSearch does not answer (" + e.getMessage() + "): check opensearch.hosts in conf/postern.properties"
                    + " and GET /postern/scans/status").haltError();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", records.size());
        body.put("scans", records.stream().map(ScanRoutes::describe).toList());
        return body;
    }

    /** The query the parameters ask for; 400 naming the parameter when one is unknown or wrong. */
    static ScanQuery query(Request request) {
        ScanQuery query = ScanQuery.all();
        for (String name : request.queryParams()) {
            BiFunction<ScanQuery, String, ScanQuery> criterion = PARAMETERS.get(name);
            if (criterion == null) {
                throw badRequest("unknown parameter '" + name + "': use " + String.join(", ", PARAMETERS.keySet()));
            }
            String value = request.queryParams(name).trim();
            try {
                query = criterion.apply(query, value);
            } catch (IllegalArgumentException e) {
                throw badRequest(name + "=" + value + ": " + e.getMessage());
            }
        }
        return query;
    }

    private static Map<String, BiFunction<ScanQuery, String, ScanQuery>> parameters() {
        Map<String, BiFunction<ScanQuery, String, ScanQuery>> parameters = new LinkedHashMap<>();
        parameters.put("senderDomain", ScanQuery::senderDomain);
        parameters.put("result", (query, word) -> query.result(result(word)));
        parameters.put("spf", (query, word) -> query.spf(result(word)));
        parameters.put("dkim", (query, word) -> query.dkim(result(word)));
        parameters.put("dmarc", (query, word) -> query.dmarc(result(word)));
        parameters.put("action", (query, word) -> query.action(action(word)));
        parameters.put("from", (query, time) -> query.from(instant(time)));
        parameters.put("to", (query, time) -> query.to(instant(time)));
        parameters.put("limit", (query, number) -> query.limit(limit(number)));
        return parameters;
    }

    private static String result(String word) {
        if (!RESULTS.contains(word.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a result word; use one of " + String.join(", ", RESULTS.stream().sorted().toList()));
        }
        return word;
    }

    private static String action(String word) {
        return Action.parse(word).map(Action::word).orElseThrow(() -> new IllegalArgumentException("not an action; use one of "
            + Arrays.stream(Action.values()).map(Action::word).collect(Collectors.joining(", "))));
    }

    /** An ISO-8601 instant, or a day (its start, UTC). */
    private static Instant instant(String text) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("give an instant (2026-11-23T08:00:00Z) or a UTC day (2026-11-23)");
        }
    }

    private static int limit(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("give a whole number, 1 to " + ScanQuery.LIMIT_MAX);
        }
    }

    private static Map<String, Object> describe(ScanRecord record) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", record.time().toString());
        entry.put("messageId", record.messageId());
        entry.put("sender", record.envelopeSender());
        entry.put("senderDomain", record.senderDomain());
        entry.put("recipients", record.recipients());
        entry.put("clientIp", record.clientIp());
        entry.put("helo", record.helo());
        entry.put("spf", record.spf());
        entry.put("dkim", record.dkim());
        entry.put("dmarc", record.dmarc());
        entry.put("score", record.score());
        entry.put("action", record.action());
        entry.put("symbols", record.symbols());
        return entry;
    }

    private static Map<String, Object> status(ScanLogStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", status.enabled());
        body.put("indexed", status.indexed());
        body.put("queued", status.queued());
        body.put("deadLetters", status.deadLetters());
        body.put("failedAttempts", status.failedAttempts());
        return body;
    }

    private static RuntimeException badRequest(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message).haltError();
    }
}
