package dev.postern.score.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class InMemoryStoresTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void greylistKeepsTheFirstSightUntilItExpires() {
        GreylistStore store = new InMemoryGreylistStore();
        Duration day = Duration.ofDays(1);
        assertThat(store.firstSeen("t", T0, day)).isEqualTo(T0);
        assertThat(store.firstSeen("t", T0.plusSeconds(60), day)).isEqualTo(T0);
        assertThat(store.firstSeen("other", T0.plusSeconds(60), day)).isEqualTo(T0.plusSeconds(60));
        Instant later = T0.plus(day).plusSeconds(1);
        assertThat(store.firstSeen("t", later, day)).isEqualTo(later);
    }

    @Test
    void rateCountersRestartWithEachWindow() {
        RateLimitStore store = new InMemoryRateLimitStore();
        Duration hour = Duration.ofHours(1);
        assertThat(store.increment("k", T0, hour)).isEqualTo(1);
        assertThat(store.increment("k", T0, hour)).isEqualTo(2);
        assertThat(store.increment("j", T0, hour)).isEqualTo(1);
        assertThat(store.increment("k", T0.plus(hour), hour)).isEqualTo(1);
    }

    @Test
    void tagDomainsAreCaseInsensitive() {
        TagSeenStore store = new InMemoryTagSeenStore();
        assertThat(store.senderDomains("bob@example.org", "shop")).isEmpty();
        store.record("Bob@Example.org", "Shop", "Shop.Example", T0);
        assertThat(store.senderDomains("bob@example.org", "shop")).containsExactly("shop.example");
        assertThat(store.senderDomains("bob@example.org", "bank")).isEmpty();
    }
}
