package dev.postern.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.postern.dkim.DkimKeys;
import dev.postern.dkim.SigningAlgorithm;

/**
 * What every {@link DkimKeyStore} does; subclassed once per implementation (files, Cassandra).
 * Each test uses a domain of its own, so implementations over a shared backend need no cleanup.
 */
public abstract class DkimKeyStoreContract {

    private static final KeyPair RSA = DkimKeys.generateRsa();
    private static final KeyPair ED25519 = DkimKeys.generateEd25519();
    /** Stores keep milliseconds (Cassandra's timestamp). */
    private static final Instant CREATED = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";

    protected abstract DkimKeyStore store();

    private DkimKey key(String selector, SigningAlgorithm algorithm, Instant created) {
        KeyPair pair = algorithm == SigningAlgorithm.RSA_SHA256 ? RSA : ED25519;
        return new DkimKey(domain, selector, algorithm, pair.getPrivate(), DkimKeys.txtRecord(pair.getPublic()),
            KeyState.ACTIVE, created, Optional.empty());
    }

    @Test
    void aSavedKeyReadsBackWhole() {
        DkimKey rsa = key("postern-rsa-202611", SigningAlgorithm.RSA_SHA256, CREATED)
            .withState(KeyState.RETIRED, Optional.of(CREATED.plusSeconds(60)));
        store().save(rsa);

        DkimKey read = store().key(domain, rsa.selector()).orElseThrow();
        assertThat(read).usingRecursiveComparison().ignoringFields("privateKey").isEqualTo(rsa);
        assertThat(read.privateKey().getEncoded()).isEqualTo(rsa.privateKey().getEncoded());
        assertThat(store().key(domain.toUpperCase(), rsa.selector())).as("domains are case-insensitive").isPresent();
    }

    @Test
    void keysAreOldestFirstRsaBeforeEd25519() {
        DkimKey newer = key("postern-ed-202612", SigningAlgorithm.ED25519_SHA256, CREATED.plusSeconds(3600));
        DkimKey ed = key("postern-ed-202611", SigningAlgorithm.ED25519_SHA256, CREATED);
        DkimKey rsa = key("postern-rsa-202611", SigningAlgorithm.RSA_SHA256, CREATED);
        store().save(newer);
        store().save(ed);
        store().save(rsa);

        assertThat(store().keys(domain)).extracting(DkimKey::selector)
            .containsExactly("postern-rsa-202611", "postern-ed-202611", "postern-ed-202612");
        assertThat(store().keys("other-" + domain)).isEmpty();
    }

    @Test
    void saveReplacesTheSelectorAndDeleteRemovesIt() {
        DkimKey ed = key("postern-ed-202611", SigningAlgorithm.ED25519_SHA256, CREATED);
        store().save(ed);
        store().save(ed.withState(KeyState.RETIRED, Optional.of(CREATED.plusSeconds(5))));

        assertThat(store().keys(domain)).singleElement().satisfies(k -> {
            assertThat(k.state()).isEqualTo(KeyState.RETIRED);
            assertThat(k.retired()).contains(CREATED.plusSeconds(5));
        });

        store().delete(domain, ed.selector());
        store().delete(domain, "never-existed");
        assertThat(store().keys(domain)).isEmpty();
        assertThat(store().key(domain, ed.selector())).isEmpty();
    }
}
