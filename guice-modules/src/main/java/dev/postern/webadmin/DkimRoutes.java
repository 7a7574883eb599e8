package dev.postern.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import dev.postern.dkim.keys.DkimKey;
import dev.postern.dkim.keys.DkimKeyManager;
import dev.postern.zone.DnsRecord;
import dev.postern.zone.DomainRecords;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the DKIM keys of local domains and the DNS records a domain needs. James
 * loads them when {@code conf/webadmin.properties} lists them:
 * <pre>
 * extensions.routes=dev.postern.webadmin.DkimRoutes
 * </pre>
 * <ul>
 * <li>{@code GET /postern/dkim/{domain}/keys}: every selector, with state and TXT record;</li>
 * <li>{@code POST /postern/dkim/{domain}/keys?action=rotate}: new NEXT selectors to publish;</li>
 * <li>{@code POST /postern/dkim/{domain}/keys?action=activate}: NEXT keys sign, ACTIVE ones retire;</li>
 * <li>{@code POST /postern/dkim/{domain}/keys/{selector}?action=retire}: that selector stops signing;</li>
 * <li>{@code GET /postern/dns-records/{domain}}: MX, SPF, DKIM and DMARC records as JSON,
 *     or a zone-file fragment with {@code ?format=zone}.</li>
 * </ul>
 * A local domain without keys gets them on the first call. Private keys never leave the server.
 */
public class DkimRoutes implements Routes {

    private final DomainList domains;
    private final DkimKeyManager keys;
    private final DomainRecords.Settings recordSettings;
    private final JsonTransformer json;

    @Inject
    public DkimRoutes(DomainList domains, DkimKeyManager keys, DomainRecords.Settings recordSettings, JsonTransformer json) {
        this.domains = domains;
        this.keys = keys;
        this.recordSettings = recordSettings;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return PosternPaths.BASE;
    }

    @Override
    public void define(Service service) {
        service.get(PosternPaths.BASE + "/dkim/:domain/keys", this::listKeys, json);
        service.post(PosternPaths.BASE + "/dkim/:domain/keys", this::keysAction, json);
        service.post(PosternPaths.BASE + "/dkim/:domain/keys/:selector", this::selectorAction, json);
        service.get(PosternPaths.BASE + "/dns-records/:domain", this::dnsRecords);
    }

    private Object listKeys(Request request, Response response) {
        String domain = localDomain(request);
        keys.ensureKeys(domain);
        return keys.keys(domain).stream().map(DkimRoutes::describe).toList();
    }

    private Object keysAction(Request request, Response response) {
        String domain = localDomain(request);
        String action = String.valueOf(request.queryParams("action"));
        try {
            return switch (action) {
                case "rotate" -> {
                    keys.ensureKeys(domain);
                    yield keys.rotate(domain).stream().map(DkimRoutes::describe).toList();
                }
                case "activate" -> keys.activate(domain).stream().map(DkimRoutes::describe).toList();
                default -> throw badRequest("action=" + action + " is unknown: use ?action=rotate (new NEXT keys to publish) "
                    + "or ?action=activate (NEXT keys sign, ACTIVE ones retire)");
            };
        } catch (IllegalStateException e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.CONFLICT_409).type(ErrorResponder.ErrorType.WRONG_STATE)
                .message(e.getMessage()).haltError();
        }
    }

    private Object selectorAction(Request request, Response response) {
        String domain = localDomain(request);
        String selector = request.params("selector");
        if (!"retire".equals(request.queryParams("action"))) {
            throw badRequest("use ?action=retire to stop selector " + selector + " from signing");
        }
        try {
            return describe(keys.retire(domain, selector));
        } catch (IllegalArgumentException e) {
            throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message(e.getMessage()).haltError();
        }
    }

    private Object dnsRecords(Request request, Response response) throws Exception {
        String domain = localDomain(request);
        keys.ensureKeys(domain);
        List<DnsRecord> records = DomainRecords.records(domain, keys.publishedKeys(domain), recordSettings);
        if ("zone".equals(request.queryParams("format"))) {
            response.type("text/plain; charset=utf-8");
            return DomainRecords.zone(records, DomainRecords.DEFAULT_TTL);
        }
        response.type("application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        body.put("ttl", DomainRecords.DEFAULT_TTL);
        body.put("records", records.stream().map(record -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", record.name());
            entry.put("type", record.type());
            entry.put("value", record.value());
            entry.put("comment", record.comment());
            return entry;
        }).toList());
        return json.render(body);
    }

    private static Map<String, Object> describe(DkimKey key) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("selector", key.selector());
        entry.put("algorithm", key.algorithm().tagValue());
        entry.put("state", key.state().name());
        entry.put("created", key.created().toString());
        key.retired().ifPresent(retired -> entry.put("retired", retired.toString()));
        entry.put("txtName", key.txtName());
        entry.put("txt", key.txtRecord());
        return entry;
    }

    private String localDomain(Request request) {
        String name = request.params("domain").toLowerCase(Locale.ROOT);
        try {
            if (!domains.containsDomain(Domain.of(name))) {
                throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                    .message(name + " is not a local domain; add it first: PUT /domains/" + name).haltError();
            }
        } catch (DomainListException | IllegalArgumentException e) {
            throw badRequest("'" + name + "' is not a domain name");
        }
        return name;
    }

    private static RuntimeException badRequest(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
            .message(message).haltError();
    }
}
