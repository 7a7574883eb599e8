package dev.postern.opensearch;

import java.io.IOException;
import java.net.URI;

import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.opensearch.client.Request;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.rest_client.RestClientTransport;

/** The low-level and typed clients for {@link OpenSearchSettings}; one pair per server. */
public final class OpenSearchClients implements AutoCloseable {

    private final RestClient rest;
    private final OpenSearchClient client;

    public OpenSearchClients(OpenSearchSettings settings) {
        HttpHost[] hosts = settings.hosts().stream()
            .map(uri -> new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
            .toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
            .setRequestConfigCallback(config -> config.setConnectTimeout(5_000).setSocketTimeout(30_000));
        if (settings.username().isPresent()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                new UsernamePasswordCredentials(settings.username().get(), settings.password().orElseThrow()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        this.rest = builder.build();
        this.client = new OpenSearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    public RestClient rest() {
        return rest;
    }

    public OpenSearchClient client() {
        return client;
    }

    /**
     * Fails with a message naming {@link OpenSearchSettings#HOSTS} when no host answers: used at
     * start, so a wrong address is a clear configuration error rather than silent dead letters.
     */
    public static void checkReachable(OpenSearchClients clients, OpenSearchSettings settings) {
        try {
            clients.rest().performRequest(new Request("GET", "/_cluster/health"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("OpenSearch at " + settings.hosts().stream().map(URI::toString).toList()
                + " is not reachable (" + e.getMessage() + "): check " + OpenSearchSettings.HOSTS + ", "
                + OpenSearchSettings.USERNAME + "/" + OpenSearchSettings.PASSWORD
                + " in conf/postern.properties, or set opensearch.enabled=false (for tests: ./postern backends start)", e);
        }
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
