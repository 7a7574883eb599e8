package dev.postern.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

class CassandraSettingsTest {

    private static CassandraSettings of(Map<String, String> values) {
        return CassandraSettings.from(values::get);
    }

    @Test
    void defaultsAreALocalSingleNode() {
        CassandraSettings settings = of(Map.of());
        assertThat(settings.contactPoints()).hasSize(1);
        assertThat(settings.contactPoints().get(0).getHostString()).isEqualTo("127.0.0.1");
        assertThat(settings.contactPoints().get(0).getPort()).isEqualTo(9042);
        assertThat(settings.keyspace()).isEqualTo("postern");
        assertThat(settings.readConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
        assertThat(settings.serialConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
        assertThat(settings.username()).isEmpty();
    }

    @Test
    void severalContactPointsAndLevels() {
        CassandraSettings settings = of(Map.of(
            CassandraSettings.CONTACT_POINTS, "10.0.0.1:9042, [::1]:19042,db.example",
            CassandraSettings.WRITE_CONSISTENCY, "quorum",
            CassandraSettings.USERNAME, "postern", CassandraSettings.PASSWORD, "s3cret"));
        assertThat(settings.contactPoints()).extracting(p -> p.getHostString() + "/" + p.getPort())
            .containsExactly("10.0.0.1/9042", "::1/19042", "db.example/9042");
        assertThat(settings.writeConsistency()).isEqualTo(DefaultConsistencyLevel.QUORUM);
        assertThat(settings.password()).contains("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void errorsNameTheSetting() {
        assertThatThrownBy(() -> of(Map.of(CassandraSettings.CONTACT_POINTS, "db:notaport")))
            .hasMessageStartingWith(CassandraSettings.CONTACT_POINTS);
        assertThatThrownBy(() -> of(Map.of(CassandraSettings.KEYSPACE, "bad-name")))
            .hasMessageStartingWith(CassandraSettings.KEYSPACE);
        assertThatThrownBy(() -> of(Map.of(CassandraSettings.READ_CONSISTENCY, "MOST")))
            .hasMessageStartingWith(CassandraSettings.READ_CONSISTENCY);
        assertThatThrownBy(() -> of(Map.of(CassandraSettings.USERNAME, "u")))
            .hasMessageContaining(CassandraSettings.PASSWORD);
        assertThatThrownBy(() -> of(Map.of(CassandraSettings.REPLICATION, "3")))
            .hasMessageStartingWith(CassandraSettings.REPLICATION);
    }
}
