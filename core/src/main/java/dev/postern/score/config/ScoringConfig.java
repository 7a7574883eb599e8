package dev.postern.score.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.postern.score.Action;
import dev.postern.score.composite.Composite;

/**
 * The whole scoring configuration, as read by {@link ConfigParser}.
 *
 * @param symbols every symbol with its default weight (composites included)
 * @param thresholds the global action thresholds; an action missing here is disabled
 * @param composites in evaluation order
 * @param rules settings of the rules
 * @param senders the global allow and block lists
 * @param domains profiles by recipient domain, lower case
 * @param users profiles by recipient address, lower case
 */
public record ScoringConfig(Map<String, SymbolDefinition> symbols, Map<Action, Double> thresholds,
                            List<Composite> composites, RuleSettings rules, SenderLists senders,
                            Map<String, Profile> domains, Map<String, Profile> users) {

    /** The classpath resource of the default configuration. */
    public static final String DEFAULT_RESOURCE = "/dev/postern/score/default-scoring.xml";

    public ScoringConfig {
        symbols = Map.copyOf(symbols);
        EnumMap<Action, Double> copy = new EnumMap<>(Action.class);
        copy.putAll(thresholds);
        thresholds = java.util.Collections.unmodifiableMap(copy);
        composites = List.copyOf(composites);
        domains = Map.copyOf(domains);
        users = Map.copyOf(users);
    }

    /** The default configuration shipped in core. */
    public static ScoringConfig defaults() {
        try (InputStream in = ScoringConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("scoring: " + DEFAULT_RESOURCE + " is missing from the classpath; the postern-core jar is damaged");
            }
            return ConfigParser.parse(in, "default-scoring.xml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings for a message to {@code recipient}: global, then its domain's profile, then its
     * own. Without a recipient (several recipients with different settings), the global settings.
     */
    public Settings settingsFor(Optional<String> recipient) {
        return settingsFor(globalSettings(), recipient);
    }

    /** The settings without any profile: what {@link #settingsFor} starts from, for a caller to build once. */
    public Settings globalSettings() {
        Map<String, Double> weights = new HashMap<>();
        symbols.values().forEach(symbol -> weights.put(symbol.name(), symbol.weight()));
        return new Settings(weights, thresholds, senders);
    }

    /** {@link #settingsFor(Optional)} from global settings built once by {@link #globalSettings()}. */
    public Settings settingsFor(Settings global, Optional<String> recipient) {
        Settings settings = global;
        if (recipient.isPresent()) {
            String address = recipient.get().toLowerCase(Locale.ROOT);
            String domain = address.substring(address.lastIndexOf('@') + 1);
            settings = settings.with(domains.getOrDefault(domain, Profile.EMPTY))
                .with(users.getOrDefault(address, Profile.EMPTY));
        }
        return settings;
    }
}
