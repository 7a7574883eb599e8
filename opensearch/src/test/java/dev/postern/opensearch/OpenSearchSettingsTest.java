package dev.postern.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OpenSearchSettingsTest {

    private static OpenSearchSettings of(Map<String, String> values) {
        return OpenSearchSettings.from(values::get);
    }

    @Test
    void defaults() {
        OpenSearchSettings settings = of(Map.of());
        assertThat(settings.hosts()).hasToString("[http://127.0.0.1:9200]");
        assertThat(settings.indexPrefix()).isEqualTo("postern-scans");
        assertThat(settings.retentionDays()).isEqualTo(30);
        assertThat(settings.retryMax()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void errorsNameTheSetting() {
        assertThatThrownBy(() -> of(Map.of(OpenSearchSettings.HOSTS, "127.0.0.1:9200")))
            .hasMessageStartingWith(OpenSearchSettings.HOSTS);
        assertThatThrownBy(() -> of(Map.of(OpenSearchSettings.INDEX_PREFIX, "Scans")))
            .hasMessageStartingWith(OpenSearchSettings.INDEX_PREFIX);
        assertThatThrownBy(() -> of(Map.of(OpenSearchSettings.RETENTION_DAYS, "0")))
            .hasMessageStartingWith(OpenSearchSettings.RETENTION_DAYS);
        assertThatThrownBy(() -> of(Map.of(OpenSearchSettings.FLUSH_INTERVAL, "soon")))
            .hasMessageStartingWith(OpenSearchSettings.FLUSH_INTERVAL);
        assertThatThrownBy(() -> of(Map.of(OpenSearchSettings.PASSWORD, "x")))
            .hasMessageContaining(OpenSearchSettings.USERNAME);
    }

    @Test
    void anUnreachableOpenSearchNamesTheSetting() throws Exception {
        OpenSearchSettings settings = of(Map.of(OpenSearchSettings.HOSTS, "http://127.0.0.1:9"));
        try (OpenSearchClients clients = new OpenSearchClients(settings)) {
            assertThatThrownBy(() -> OpenSearchClients.checkReachable(clients, settings))
                .hasMessageContaining("http://127.0.0.1:9").hasMessageContaining(OpenSearchSettings.HOSTS);
        }
    }
}
