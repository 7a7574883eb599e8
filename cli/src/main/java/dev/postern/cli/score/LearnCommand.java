package dev.postern.cli.score;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.postern.cli.Command;

/**
 * {@code ./postern learn spam|ham|forget [--user ADDRESS] [--webadmin URL] FILE...}: teaches the
 * running server's Bayes through WebAdmin ({@code POST /postern/bayes/...}, see
 * {@code dev.postern.webadmin.BayesRoutes}); without {@code --user}, the global statistics.
 */
public final class LearnCommand implements Command {

    static final String DEFAULT_WEBADMIN = "http://127.0.0.1:8000";

    @Override
    public String name() {
        return "learn";
    }

    @Override
    public String usage() {
        return "spam|ham|forget [--user ADDRESS] [--webadmin URL] FILE...   teach the running server's Bayes (over WebAdmin, default "
            + DEFAULT_WEBADMIN + ")";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        if (arguments.isEmpty() || !List.of("spam", "ham", "forget").contains(arguments.get(0))) {
            throw new IllegalArgumentException("say spam, ham or forget first");
        }
        String verb = arguments.get(0);
        String user = null;
        String webadmin = DEFAULT_WEBADMIN;
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if ((argument.equals("--user") || argument.equals("--webadmin")) && i + 1 >= arguments.size()) {
                throw new IllegalArgumentException(argument + " needs a value");
            }
            switch (argument) {
                case "--user" -> user = arguments.get(++i);
                case "--webadmin" -> webadmin = arguments.get(++i).replaceAll("/+$", "");
                default -> {
                    if (argument.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + argument);
                    }
                    files.add(Path.of(argument));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("name at least one message file");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String query = user == null ? "" : "?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        URI uri = URI.create(webadmin + "/postern/bayes/" + verb + query);
        int status = 0;
        for (Path file : files) {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(ScoringFiles.read(file))).build(),
                    HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                err.println("postern learn: no WebAdmin at " + webadmin + ": start the server (./postern run) or give --webadmin URL");
                return 1;
            }
            if (response.statusCode() != 200) {
                err.println("postern learn: " + file + ": WebAdmin answered " + response.statusCode() + " " + response.body()
                    + (response.statusCode() == 404 ? " (is extensions.routes=dev.postern.webadmin.BayesRoutes in webadmin.properties?)" : ""));
                status = 1;
                continue;
            }
            out.println("{\"file\":\"" + file.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"," + response.body().substring(1));
        }
        return status;
    }
}
