package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifyingDomainListTest {

    MemoryDomainList memory;
    NotifyingDomainList domains;
    List<String> added = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        // No DNS: neither the host's names nor its addresses are detected as local domains.
        memory = new MemoryDomainList(null);
        memory.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false)
            .defaultDomain(Domain.of("default.example")).build());
        domains = new NotifyingDomainList(memory);
        domains.onDomainAdded(added::add);
    }

    @Test
    void listenersHearOfADomainOnceItIsInTheList() throws Exception {
        List<Boolean> inJamesListWhenHeard = new ArrayList<>();
        domains.onDomainAdded(name -> inJamesListWhenHeard.add(inJamesList(name)));

        domains.addDomain(Domain.of("new.example"));

        assertThat(added).containsExactly("new.example");
        assertThat(inJamesListWhenHeard).containsExactly(true);
        assertThat(domains.containsDomain(Domain.of("new.example"))).isTrue();
        assertThat(domains.getDomains()).containsExactlyInAnyOrder(Domain.of("default.example"), Domain.of("new.example"));
    }

    private boolean inJamesList(String name) {
        try {
            return memory.getDomains().contains(Domain.of(name));
        } catch (DomainListException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDomainTheListRefusesIsNotAnnounced() throws Exception {
        domains.addDomain(Domain.of("new.example"));

        assertThatThrownBy(() -> domains.addDomain(Domain.of("new.example"))).isInstanceOf(DomainListException.class);
        assertThat(added).containsExactly("new.example");
    }

    @Test
    void aFailingListenerNeitherUndoesTheAdditionNorSilencesTheOthers() throws Exception {
        NotifyingDomainList list = new NotifyingDomainList(memory);
        List<String> heard = new ArrayList<>();
        list.onDomainAdded(name -> {
            throw new IllegalStateException("keys could not be written");
        });
        list.onDomainAdded(heard::add);

        list.addDomain(Domain.of("other.example"));

        assertThat(heard).containsExactly("other.example");
        assertThat(memory.containsDomain(Domain.of("other.example"))).isTrue();
    }

    @Test
    void removingAndTheDefaultDomainGoToJamesList() throws Exception {
        domains.addDomain(Domain.of("gone.example"));
        domains.removeDomain(Domain.of("gone.example"));

        assertThat(memory.containsDomain(Domain.of("gone.example"))).isFalse();
        assertThat(domains.getDefaultDomain()).isEqualTo(Domain.of("default.example"));
    }
}
