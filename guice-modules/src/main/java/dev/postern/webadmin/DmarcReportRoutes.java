package dev.postern.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import dev.postern.dmarc.report.ReportPeriod;
import dev.postern.dmarcreports.DmarcReportSender;
import dev.postern.dmarcreports.DmarcReportSettings;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of the DMARC aggregate reports (RFC 7489 section 7.2, {@code dmarc.reports.*}
 * in {@code conf/postern.properties}):
 * <pre>
 * GET  /postern/dmarc/reports               messages waiting, per period and policy domain:
 *      {"pending":[{"domain":"example.com","begin":"2026-11-29T00:00:00Z","end":"2026-11-30T00:00:00Z","messages":12}]}
 * POST /postern/dmarc/reports?action=send   send every pending report now, the current period's
 *      too (its date range ends now; later messages go into the next report):
 *      {"reports":[{"outcome":"sent","domain":"example.com","begin":"...","end":"...","messages":12,
 *                   "to":["dmarc@example.com"],"detail":"REPORT-ID"}]}   (outcome sent, kept or dropped)
 * </pre>
 * 409 when reports are off ({@code dmarc.reports.enabled=false}) or another server of the
 * cluster is sending; 400 for another action. James loads them when
 * {@code conf/webadmin.properties} lists them: {@code extensions.routes=dev.postern.webadmin.DmarcReportRoutes}.
 */
public class DmarcReportRoutes implements Routes {

    public static final String REPORTS = PosternPaths.BASE + "/dmarc/reports";

    private final DmarcReportSender sender;
    private final JsonTransformer json;

    @Inject
    public DmarcReportRoutes(DmarcReportSender sender, JsonTransformer json) {
        this.sender = sender;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return REPORTS;
    }

    @Override
    public void define(Service service) {
        service.get(REPORTS, this::pending, json);
        service.post(REPORTS, this::send, json);
    }

    private Object pending(Request request, Response response) {
        return Map.of("pending", sender.pending().stream()
            .map(pending -> describe(pending.policyDomain(), pending.period(), pending.messages())).toList());
    }

    private Object send(Request request, Response response) {
        String action = request.queryParams("action");
        if (!"send".equals(action)) {
            throw error(HttpStatus.BAD_REQUEST_400, ErrorResponder.ErrorType.INVALID_ARGUMENT,
                "action=" + action + ": the only action is send (POST " + REPORTS + "?action=send)");
        }
        if (!sender.settings().enabled()) {
            throw error(HttpStatus.CONFLICT_409, ErrorResponder.ErrorType.WRONG_STATE, "DMARC reports are off: set "
                + DmarcReportSettings.ENABLED + "=true and " + DmarcReportSettings.FROM + " in conf/postern.properties, then restart");
        }
        List<DmarcReportSender.Report> reports = sender.sendPending(true).orElseThrow(() -> error(HttpStatus.CONFLICT_409,
            ErrorResponder.ErrorType.WRONG_STATE, "another server of the cluster is sending the reports (lease '"
                + DmarcReportSender.LEASE + "'): try again in a few minutes"));
        return Map.of("reports", reports.stream().map(report -> {
            Map<String, Object> described = describe(report.policyDomain(), report.period(), report.messages());
            described.put("outcome", report.outcome());
            described.put("to", report.to());
            described.put("detail", report.detail());
            return described;
        }).toList());
    }

    private static Map<String, Object> describe(String domain, ReportPeriod period, long messages) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("domain", domain);
        described.put("begin", period.begin().toString());
        described.put("end", period.end().toString());
        described.put("messages", messages);
        return described;
    }

    private static RuntimeException error(int status, ErrorResponder.ErrorType type, String message) {
        return ErrorResponder.builder().statusCode(status).type(type).message(message).haltError();
    }
}
