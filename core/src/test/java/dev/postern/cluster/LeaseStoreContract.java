package dev.postern.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What every {@link LeaseStore} does; subclassed once per implementation. Uses the wall clock: leases expire in real time. */
public abstract class LeaseStoreContract {

    private final String lease = "job-" + UUID.randomUUID();

    protected abstract LeaseStore store();

    @Test
    void oneOwnerAtATimeUntilRelease() {
        LeaseStore store = store();
        assertThat(store.tryAcquire(lease, "a", Duration.ofMinutes(1))).isTrue();
        assertThat(store.tryAcquire(lease, "b", Duration.ofMinutes(1))).isFalse();
        assertThat(store.renew(lease, "b", Duration.ofMinutes(1))).isFalse();
        assertThat(store.renew(lease, "a", Duration.ofMinutes(1))).isTrue();
        store.release(lease, "b");
        assertThat(store.tryAcquire(lease, "b", Duration.ofMinutes(1))).isFalse();
        store.release(lease, "a");
        assertThat(store.tryAcquire(lease, "b", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void aLeaseNotRenewedExpires() throws InterruptedException {
        LeaseStore store = store();
        assertThat(store.tryAcquire(lease, "a", Duration.ofSeconds(1))).isTrue();
        Thread.sleep(2_100);
        assertThat(store.renew(lease, "a", Duration.ofSeconds(1))).isFalse();
        assertThat(store.tryAcquire(lease, "b", Duration.ofMinutes(1))).isTrue();
    }
}
