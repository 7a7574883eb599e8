package dev.postern.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.domains.DomainAdditions;

/**
 * James's memory domain list, which also tells {@link DomainAdditions} listeners of each domain
 * added through it (WebAdmin's {@code PUT /domains/NAME}), before {@link #addDomain} returns: a
 * new domain has its DKIM keys when the PUT answers, instead of within
 * {@code dkim.keys.checkInterval}. Domains James adds while configuring the list
 * ({@code domainlist.xml}, the default domain) bypass it; DkimKeysStartable's check at start
 * covers those.
 */
public final class NotifyingDomainList implements DomainList, DomainAdditions {

    private static final Logger LOGGER = LoggerFactory.getLogger(NotifyingDomainList.class);

    private final DomainList delegate;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Inject
    public NotifyingDomainList(MemoryDomainList memory) {
        this((DomainList) memory);
    }

    NotifyingDomainList(DomainList delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onDomainAdded(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public void addDomain(Domain domain) throws DomainListException {
        delegate.addDomain(domain);
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(domain.asString());
            } catch (RuntimeException e) {
                LOGGER.warn("A listener of new domains failed on {}; the domain is added", domain.asString(), e);
            }
        }
    }

    @Override
    public List<Domain> getDomains() throws DomainListException {
        return delegate.getDomains();
    }

    @Override
    public boolean containsDomain(Domain domain) throws DomainListException {
        return delegate.containsDomain(domain);
    }

    @Override
    public void removeDomain(Domain domain) throws DomainListException {
        delegate.removeDomain(domain);
    }

    @Override
    public Domain getDefaultDomain() throws DomainListException {
        return delegate.getDefaultDomain();
    }
}
