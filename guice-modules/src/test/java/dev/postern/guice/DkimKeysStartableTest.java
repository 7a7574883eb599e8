package dev.postern.guice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dkim.SigningAlgorithm;
import dev.postern.dkim.keys.DkimKey;
import dev.postern.dkim.keys.DkimKeyManager;
import dev.postern.dkim.keys.FileDkimKeyStore;
import dev.postern.domains.DomainAdditions;

class DkimKeysStartableTest {

    @TempDir
    Path root;

    /** The domains of a list that can be told to fail. */
    static class Domains implements DomainList {
        final List<Domain> domains = new ArrayList<>();
        boolean failing;

        @Override
        public List<Domain> getDomains() throws DomainListException {
            if (failing) {
                throw new DomainListException("down");
            }
            return List.copyOf(domains);
        }

        @Override
        public boolean containsDomain(Domain domain) {
            return domains.contains(domain);
        }

        @Override
        public void addDomain(Domain domain) {
            domains.add(domain);
        }

        @Override
        public void removeDomain(Domain domain) {
            domains.remove(domain);
        }

        @Override
        public Domain getDefaultDomain() {
            return Domain.LOCALHOST;
        }
    }

    @Test
    void everyDomainGetsKeysIncludingOnesAddedLater() {
        Domains domains = new Domains();
        domains.addDomain(Domain.of("example.org"));
        DkimKeyManager keys = new DkimKeyManager(new FileDkimKeyStore(root));
        DkimKeysStartable startable = new DkimKeysStartable(domains, keys, Duration.ofMinutes(1));

        startable.check();
        domains.addDomain(Domain.of("added.example"));
        startable.check();

        assertThat(keys.signingKeys("example.org")).hasSize(2);
        assertThat(keys.signingKeys("added.example")).hasSize(2);
    }

    /** A domain list that tells of additions, as Postern's server's does. */
    static final class AnnouncingDomains extends Domains implements DomainAdditions {
        final List<Consumer<String>> listeners = new ArrayList<>();

        @Override
        public void onDomainAdded(Consumer<String> listener) {
            listeners.add(listener);
        }

        @Override
        public void addDomain(Domain domain) {
            super.addDomain(domain);
            listeners.forEach(listener -> listener.accept(domain.asString()));
        }
    }

    @Test
    void aDomainAnnouncedByTheListHasKeysWhenItsAdditionReturns() {
        AnnouncingDomains domains = new AnnouncingDomains();
        DkimKeyManager keys = new DkimKeyManager(new FileDkimKeyStore(root));
        // The periodic check cannot be what creates them: it is a day away.
        new DkimKeysStartable(domains, keys, Duration.ofDays(1)).start();

        domains.addDomain(Domain.of("new.example"));

        assertThat(keys.keys("new.example")).extracting(DkimKey::algorithm)
            .containsExactlyInAnyOrder(SigningAlgorithm.RSA_SHA256, SigningAlgorithm.ED25519_SHA256);
    }

    @Test
    void aListThatDoesNotAnnounceLeavesNewDomainsToTheCheck() {
        Domains domains = new Domains();
        DkimKeyManager keys = new DkimKeyManager(new FileDkimKeyStore(root));
        new DkimKeysStartable(domains, keys, Duration.ofDays(1)).start();

        domains.addDomain(Domain.of("new.example"));

        assertThat(keys.keys("new.example")).isEmpty();
    }

    @Test
    void aFailingDomainListIsLoggedNotThrown() {
        Domains domains = new Domains();
        domains.failing = true;

        new DkimKeysStartable(domains, new DkimKeyManager(new FileDkimKeyStore(root)), Duration.ofMinutes(1)).check();
    }
}
