package dev.postern.dkim.keys;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the DKIM keys of local domains are kept. Implementations: {@link FileDkimKeyStore}.
 * Every method reads the current state: several instances over the same storage agree.
 */
public interface DkimKeyStore {

    /** Every selector of {@code domain}, oldest first (rsa-sha256 before ed25519-sha256 when made together); empty when it has none. */
    List<DkimKey> keys(String domain);

    Optional<DkimKey> key(String domain, String selector);

    /** Adds a key, or replaces the one with the same domain and selector. */
    void save(DkimKey key);

    /** Removes a selector and its private key; nothing when absent. */
    void delete(String domain, String selector);

    /** Selectors are one or more DNS labels (RFC 6376 section 3.1). */
    static boolean isValidSelector(String selector) {
        return SELECTOR.matcher(selector).matches() && selector.length() <= 63;
    }

    Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
}
