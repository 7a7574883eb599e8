package dev.postern.score.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What every {@link TagSeenStore} does; subclassed once per implementation. */
public abstract class TagSeenStoreContract {

    private static final Instant T0 = Instant.now();

    private final String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

    protected abstract TagSeenStore store();

    @Test
    void domainsArePerTagAndCaseInsensitive() {
        TagSeenStore store = store();
        assertThat(store.senderDomains(user, "shop")).isEmpty();
        store.record(user.toUpperCase(), "Shop", "Shop.Example", T0);
        assertThat(store.senderDomains(user, "shop")).containsExactly("shop.example");
        assertThat(store.senderDomains(user, "SHOP")).containsExactly("shop.example");
        assertThat(store.senderDomains(user, "bank")).isEmpty();
    }

    @Test
    void everyDomainIsKeptOnce() {
        TagSeenStore store = store();
        store.record(user, "news", "a.example", T0);
        store.record(user, "news", "b.example", T0.plusSeconds(1));
        store.record(user, "news", "A.example", T0.plusSeconds(2));
        assertThat(store.senderDomains(user, "news")).containsExactlyInAnyOrder("a.example", "b.example");
    }
}
