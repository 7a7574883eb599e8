package dev.postern.opensearch;

import java.io.IOException;
import java.util.UUID;

import org.opensearch.client.Request;

/**
 * The real OpenSearch the tests run against: {@code -Dpostern.opensearch=http://host:port} (or
 * {@code POSTERN_OPENSEARCH}), set by {@code ./postern test}. Without it the tests fail, never
 * skip. Tests never stop it (other tests share it): outages go through {@code dev.postern.net.TcpProxy}.
 */
final class TestOpenSearch {

    static final String PROPERTY = "postern.opensearch";

    private TestOpenSearch() {
    }

    static String url() {
        String url = System.getProperty(PROPERTY, System.getenv("POSTERN_OPENSEARCH"));
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no OpenSearch for the tests: run ./postern test (it starts one), or"
                + " ./postern backends start and pass -D" + PROPERTY + "=http://127.0.0.1:19200 to Maven");
        }
        return url;
    }

    /** Settings with an index prefix of this run's own. */
    static OpenSearchSettings settings() {
        return OpenSearchSettings.forTests(url(), "postern-test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static void refresh(OpenSearchClients clients, OpenSearchSettings settings) throws IOException {
        clients.rest().performRequest(new Request("POST", "/" + settings.indexPrefix() + "-*/_refresh"));
    }

    static void cleanUp(OpenSearchClients clients, OpenSearchSettings settings) throws IOException {
        Request delete = new Request("DELETE", "/" + settings.indexPrefix() + "-*");
        delete.addParameter("ignore_unavailable", "true");
        clients.rest().performRequest(delete);
        Request template = new Request("DELETE", "/_index_template/" + settings.indexPrefix());
        template.addParameter("ignore", "404");
        try {
            clients.rest().performRequest(template);
        } catch (IOException e) {
            // the template was never installed
        }
    }
}
