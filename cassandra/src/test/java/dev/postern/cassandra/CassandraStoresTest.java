package dev.postern.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

class CassandraStoresTest {

    @Test
    void opensEveryStoreFromTheProperties() {
        try (CassandraStores stores = CassandraStores.open(key -> switch (key) {
            case CassandraSettings.CONTACT_POINTS -> TestCassandra.address();
            case CassandraSettings.KEYSPACE -> TestCassandra.KEYSPACE;
            default -> null;
        })) {
            assertThat(stores.backend()).isEqualTo("cassandra");
            Instant now = Instant.now();
            String triplet = "stores-test/" + now.toEpochMilli();
            Instant first = stores.greylist().firstSeen(triplet, now, Duration.ofHours(1));
            assertThat(first).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));
            assertThat(stores.greylist().firstSeen(triplet, now.plusSeconds(1), Duration.ofHours(1))).isEqualTo(first);
        }
    }
}
