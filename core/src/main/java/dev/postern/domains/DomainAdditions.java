package dev.postern.domains;

import java.util.function.Consumer;

/**
 * A list of local domains that tells listeners when a domain is added, before the addition
 * returns to whoever asked for it (a WebAdmin {@code PUT /domains/NAME}). James 3.8.1's
 * {@code DomainList} has no such listeners; Postern's server binds a domain list that implements
 * this interface, and a feature checks for it ({@code domains instanceof DomainAdditions}) and
 * otherwise falls back on polling the list.
 */
public interface DomainAdditions {

    /**
     * Calls {@code listener} with the name of each domain added from now on, after it was added.
     * The listener runs in the thread that adds the domain; what it throws is logged, never
     * undoes the addition.
     */
    void onDomainAdded(Consumer<String> listener);
}
