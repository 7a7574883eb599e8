package dev.postern.cli;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./postern dns-records DOMAIN [--webadmin URL]}: the records DOMAIN needs (MX, SPF, DKIM
 * keys, DMARC) in zone-file syntax, from the running server's WebAdmin
 * ({@code GET /postern/dns-records/DOMAIN?format=zone}), which creates the DKIM keys if needed.
 */
public final class DnsRecordsCommand implements Command {

    public static final String DEFAULT_WEBADMIN = "http://127.0.0.1:8000";

    @Override
    public String name() {
        return "dns-records";
    }

    @Override
    public String usage() {
        return "DOMAIN [--webadmin URL]   the DNS records DOMAIN needs (MX, SPF, DKIM, DMARC), zone-file syntax, from the running server (default " + DEFAULT_WEBADMIN + ")";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        String domain = null;
        String webadmin = DEFAULT_WEBADMIN;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--webadmin")) {
                if (i + 1 >= arguments.size()) {
                    throw new IllegalArgumentException("--webadmin needs a URL, e.g. http://127.0.0.1:8000");
                }
                webadmin = arguments.get(++i);
            } else if (argument.startsWith("-") || domain != null) {
                throw new IllegalArgumentException("unexpected argument '" + argument + "'");
            } else {
                domain = argument;
            }
        }
        if (domain == null) {
            throw new IllegalArgumentException("give the domain, e.g. ./postern dns-records example.org");
        }
        URI uri = URI.create(webadmin.replaceAll("/+$", "") + "/postern/dns-records/"
            + URLEncoder.encode(domain, StandardCharsets.UTF_8) + "?format=zone");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("postern dns-records: no WebAdmin at " + webadmin + "; start Postern (./postern run) or give --webadmin URL");
            return 1;
        }
        if (response.statusCode() != 200) {
            err.println("postern dns-records: WebAdmin answered " + response.statusCode() + ": " + response.body());
            return 1;
        }
        out.print(response.body());
        return 0;
    }
}
