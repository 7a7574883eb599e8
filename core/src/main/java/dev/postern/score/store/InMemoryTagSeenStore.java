package dev.postern.score.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TagSeenStore} in one JVM's memory. */
public final class InMemoryTagSeenStore implements TagSeenStore {

    private final ConcurrentHashMap<String, Set<String>> domains = new ConcurrentHashMap<>();

    @Override
    public Set<String> senderDomains(String mailbox, String tag) {
        return Set.copyOf(domains.getOrDefault(key(mailbox, tag), Set.of()));
    }

    @Override
    public void record(String mailbox, String tag, String senderDomain, Instant when) {
        domains.computeIfAbsent(key(mailbox, tag), k -> ConcurrentHashMap.newKeySet())
            .add(senderDomain.toLowerCase(Locale.ROOT));
    }

    private static String key(String mailbox, String tag) {
        return mailbox.toLowerCase(Locale.ROOT) + '\u0000' + tag.toLowerCase(Locale.ROOT);
    }
}
