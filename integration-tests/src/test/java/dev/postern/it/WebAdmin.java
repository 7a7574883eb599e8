package dev.postern.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** James's WebAdmin REST API, as an administrator calls it. Each call fails on a non-2xx status. */
public final class WebAdmin {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    WebAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void addDomain(String domain) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/domains/" + encode(domain))).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public void addUser(String address, String password) throws IOException, InterruptedException {
        String json = "{\"password\":\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        send(HttpRequest.newBuilder(uri("/users/" + encode(address)))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public String post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POST with a text body (a raw message for the Bayes and scan routes). */
    public String post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A status and body, for calls whose refusal is what a test looks at. */
    public record Reply(int status, String body) {
    }

    /** {@code GET path} whatever the status. */
    public Reply getReply(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** {@code PUT /sieve/{user}/scripts/{name}?activate=true}, James 3.8.1's Sieve upload route. */
    public Reply putSieveScript(String user, String name, String script) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                uri("/sieve/" + encode(user) + "/scripts/" + encode(name) + "?activate=true"))
            .PUT(HttpRequest.BodyPublishers.ofString(script)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("WebAdmin " + response.request().method() + " " + response.request().uri()
                + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
