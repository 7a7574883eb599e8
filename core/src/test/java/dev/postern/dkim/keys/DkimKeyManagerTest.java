package dev.postern.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.cluster.InMemoryLeaseStore;
import dev.postern.cluster.LeaseStore;
import dev.postern.dkim.SigningAlgorithm;
import dev.postern.testing.MutableClock;

class DkimKeyManagerTest {

    static final Instant NOVEMBER = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path root;

    private DkimKeyManager manager(Instant now) {
        return new DkimKeyManager(new FileDkimKeyStore(root), Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(7));
    }

    /** Two servers over one store and one lease table (Cassandra in a cluster) check a new domain together. */
    @Test
    void serversCheckingANewDomainTogetherCreateOnePairOfKeys() throws Exception {
        FileDkimKeyStore shared = new FileDkimKeyStore(root);
        LeaseStore leases = new InMemoryLeaseStore(Clock.systemUTC());
        List<DkimKeyManager> servers = List.of(
            new DkimKeyManager(shared, Clock.fixed(NOVEMBER, ZoneOffset.UTC), Duration.ofDays(7), leases),
            new DkimKeyManager(shared, Clock.fixed(NOVEMBER, ZoneOffset.UTC), Duration.ofDays(7), leases));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<DkimKey>>> created = new ArrayList<>();
            for (DkimKeyManager server : servers) {
                created.add(threads.submit(() -> {
                    go.await();
                    return server.ensureKeys("example.org");
                }));
            }
            go.countDown();
            List<Integer> counts = new ArrayList<>();
            for (Future<List<DkimKey>> result : created) {
                counts.add(result.get(1, TimeUnit.MINUTES).size());
            }

            assertThat(counts).containsExactlyInAnyOrder(2, 0);
            assertThat(shared.keys("example.org")).extracting(DkimKey::selector)
                .containsExactly("postern-rsa-202611", "postern-ed-202611");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void ensureKeysMakesOneRsaAndOneEd25519ActiveKeyOnce() {
        List<DkimKey> created = manager(NOVEMBER).ensureKeys("Example.org");

        assertThat(created).extracting(DkimKey::selector).containsExactly("postern-rsa-202611", "postern-ed-202611");
        assertThat(created).extracting(DkimKey::algorithm).containsExactly(SigningAlgorithm.RSA_SHA256, SigningAlgorithm.ED25519_SHA256);
        assertThat(created).allMatch(k -> k.state() == KeyState.ACTIVE && k.domain().equals("example.org"));
        assertThat(manager(NOVEMBER).ensureKeys("example.org")).isEmpty();
        assertThat(manager(NOVEMBER).signingKeys("example.org")).hasSize(2);
    }

    @Test
    void filesArePrivateAndTheKeySurvivesARoundTrip() throws Exception {
        DkimKey key = manager(NOVEMBER).ensureKeys("example.org").get(0);

        Path folder = root.resolve("example.org");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(key.selector() + ".key")))).isEqualTo("rw-------");
        assertThat(Files.readString(folder.resolve(key.selector() + ".key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        DkimKey read = new FileDkimKeyStore(root).key("example.org", key.selector()).orElseThrow();
        assertThat(read.privateKey().getEncoded()).isEqualTo(key.privateKey().getEncoded());
        assertThat(read.txtRecord()).isEqualTo(key.txtRecord()).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(read.toString()).doesNotContain("PRIVATE").contains("postern-rsa-202611._domainkey.example.org");
    }

    @Test
    void rotationPublishesThenSwitchesThenRetiresAfterTheGracePeriod() {
        manager(NOVEMBER).ensureKeys("example.org");

        List<DkimKey> next = manager(NOVEMBER).rotate("example.org");
        assertThat(next).extracting(DkimKey::selector).containsExactly("postern-rsa-202611-2", "postern-ed-202611-2");
        assertThat(manager(NOVEMBER).rotate("example.org")).isEqualTo(next);
        assertThat(manager(NOVEMBER).signingKeys("example.org")).extracting(DkimKey::selector)
            .containsExactly("postern-rsa-202611", "postern-ed-202611");
        assertThat(manager(NOVEMBER).publishedKeys("example.org")).hasSize(4);

        manager(NOVEMBER).activate("example.org");
        assertThat(manager(NOVEMBER).signingKeys("example.org")).extracting(DkimKey::selector)
            .containsExactly("postern-rsa-202611-2", "postern-ed-202611-2");
        assertThat(manager(NOVEMBER.plus(Duration.ofDays(6))).publishedKeys("example.org")).hasSize(4);
        assertThat(manager(NOVEMBER.plus(Duration.ofDays(6))).purge("example.org")).isEmpty();

        Instant later = NOVEMBER.plus(Duration.ofDays(8));
        assertThat(manager(later).publishedKeys("example.org")).hasSize(2);
        assertThat(manager(later).purge("example.org")).extracting(DkimKey::selector)
            .containsExactly("postern-rsa-202611", "postern-ed-202611");
        assertThat(manager(later).keys("example.org")).hasSize(2);
        assertThat(Files.exists(root.resolve("example.org/postern-rsa-202611.key"))).isFalse();
    }

    @Test
    void activatingWithoutRotatingSaysWhatToDo() {
        manager(NOVEMBER).ensureKeys("example.org");

        assertThatThrownBy(() -> manager(NOVEMBER).activate("example.org"))
            .hasMessageContaining("rotate first");
        assertThatThrownBy(() -> manager(NOVEMBER).retire("example.org", "nope"))
            .hasMessageContaining("no DKIM selector 'nope'");
    }

    @Test
    void retireStopsSigningAtOnce() {
        manager(NOVEMBER).ensureKeys("example.org");

        manager(NOVEMBER).retire("example.org", "postern-ed-202611");

        assertThat(manager(NOVEMBER).signingKeys("example.org")).extracting(DkimKey::selector).containsExactly("postern-rsa-202611");
    }

    @Test
    void signingKeysAreReusedForAWhileButChangesMadeHereAreSeenAtOnce() {
        MutableClock clock = new MutableClock(NOVEMBER);
        DkimKeyManager here = new DkimKeyManager(new FileDkimKeyStore(root), clock, Duration.ofDays(7));
        DkimKeyManager otherServer = manager(NOVEMBER);
        here.ensureKeys("example.org");
        assertThat(here.signingKeys("example.org")).hasSize(2);

        otherServer.retire("example.org", "postern-ed-202611");
        assertThat(here.signingKeys("example.org")).as("read before the other server's change").hasSize(2);
        clock.advance(DkimKeyManager.SIGNING_KEYS_REUSE);
        assertThat(here.signingKeys("example.org")).extracting(DkimKey::selector).containsExactly("postern-rsa-202611");

        here.retire("example.org", "postern-rsa-202611");
        assertThat(here.signingKeys("example.org")).as("a change made here").isEmpty();
    }

    @Test
    void hostileDomainNamesNeverNameAFolder() {
        assertThatThrownBy(() -> new FileDkimKeyStore(root).keys("../etc")).hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> new FileDkimKeyStore(root).keys("a/b")).hasMessageContaining("not a domain name");
    }
}
