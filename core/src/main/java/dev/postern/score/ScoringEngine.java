package dev.postern.score;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.postern.dns.Resolver;
import dev.postern.score.bayes.BayesClassifier;
import dev.postern.score.bayes.BayesStore;
import dev.postern.score.bayes.InMemoryBayesStore;
import dev.postern.score.composite.Composites;
import dev.postern.score.config.RuleSettings;
import dev.postern.score.config.ScoringConfig;
import dev.postern.score.config.Settings;
import dev.postern.score.message.MessageParser;
import dev.postern.score.message.ScannedMessage;
import dev.postern.score.rules.AttachmentRule;
import dev.postern.score.rules.BayesRule;
import dev.postern.score.rules.DateRule;
import dev.postern.score.rules.DkimRule;
import dev.postern.score.rules.DmarcRule;
import dev.postern.score.rules.FromRule;
import dev.postern.score.rules.Greylisting;
import dev.postern.score.rules.GtubeRule;
import dev.postern.score.rules.HeloRule;
import dev.postern.score.rules.Hit;
import dev.postern.score.rules.MessageIdRule;
import dev.postern.score.rules.MimeRule;
import dev.postern.score.rules.RateLimitRule;
import dev.postern.score.rules.RblRule;
import dev.postern.score.rules.ReceivedRule;
import dev.postern.score.rules.ReputationRule;
import dev.postern.score.rules.Rule;
import dev.postern.score.rules.RuleInput;
import dev.postern.score.rules.SenderListRule;
import dev.postern.score.rules.SpfRule;
import dev.postern.score.rules.SubjectRule;
import dev.postern.score.rules.TagLeakRule;
import dev.postern.score.rules.UriblRule;
import dev.postern.score.store.GreylistStore;
import dev.postern.score.store.InMemoryGreylistStore;
import dev.postern.score.store.InMemoryRateLimitStore;
import dev.postern.score.store.InMemoryReputationStore;
import dev.postern.score.store.InMemoryTagSeenStore;
import dev.postern.score.store.RateLimitStore;
import dev.postern.score.store.ReputationStore;
import dev.postern.score.store.TagSeenStore;

/**
 * Scores messages: runs the rules, applies composites, sums, maps the score to an action.
 * Thread-safe once built. Typical use from a mailet:
 * <pre>{@code
 * ScoringEngine engine = ScoringEngine.builder(ScoringConfig.defaults()).resolver(resolver).build();
 * ScanResult result = engine.scan(messageBytes, context);
 * mail.addHeader(ScanResult.SCORE_HEADER, result.scoreHeader());
 * }</pre>
 * Order, as rspamd: GTUBE first (a match rejects at once and skips the rest), then the rules,
 * composites, the sum, the thresholds; actions forced by rules (rate limits) win when more
 * severe; greylisting last, since it applies only to the GREYLIST action. Once the symbols are
 * known, the verdict is recorded for the sender's reputation ({@link ReputationRule}): every scan
 * of a message from a client counts, so scan each message once (scanning it again on the same
 * day replaces its sample).
 */
public final class ScoringEngine {

    private final ScoringConfig config;
    /** Depend on the configuration only: built once, not per message. */
    private final Settings globalSettings;
    private final List<Rule> rules;
    private final GtubeRule gtube = new GtubeRule();
    private final Greylisting greylisting;
    private final BayesClassifier bayes;
    private final Optional<ReputationRule> reputation;
    private final Clock clock;

    private ScoringEngine(Builder builder) {
        this.config = builder.config;
        this.clock = builder.clock;
        RuleSettings settings = config.rules();
        this.bayes = new BayesClassifier(builder.bayesStore, settings.bayes());
        List<Rule> list = new ArrayList<>(List.of(new SenderListRule(), new SpfRule(), new DkimRule(), new DmarcRule(),
            new HeloRule(), new DateRule(), new MessageIdRule(), new FromRule(), new ReceivedRule(), new MimeRule(), new SubjectRule(),
            new AttachmentRule(settings.badExtensions())));
        if (!settings.rbl().isEmpty() || !settings.uribl().isEmpty()) {
            Resolver resolver = builder.resolver.orElseThrow(() -> new IllegalStateException(
                "scoring: DNS blocklists are configured (<rbl>/<uribl>) but the engine has no Resolver; call builder.resolver(...)"));
            list.add(new RblRule(resolver, settings.rbl()));
            list.add(new UriblRule(resolver, settings.uribl()));
        }
        if (settings.tagLeak()) {
            list.add(new TagLeakRule(builder.tagSeenStore, settings.tagDelimiters()));
        }
        if (!settings.rateLimits().isEmpty()) {
            list.add(new RateLimitRule(builder.rateLimitStore, settings.rateLimits()));
        }
        list.add(new BayesRule(bayes));
        this.reputation = settings.reputation().enabled()
            ? Optional.of(new ReputationRule(builder.reputationStore, settings.reputation())) : Optional.empty();
        reputation.ifPresent(list::add);
        list.addAll(builder.extraRules);
        this.rules = List.copyOf(list);
        this.greylisting = new Greylisting(builder.greylistStore, settings.greylist());
        this.globalSettings = config.globalSettings();
    }

    public static Builder builder(ScoringConfig config) {
        return new Builder(config);
    }

    /** Parses and scores a message. */
    public ScanResult scan(InputStream message, ScanContext context) throws IOException {
        return scan(MessageParser.parse(message), context);
    }

    public ScanResult scan(byte[] message, ScanContext context) {
        return scan(MessageParser.parse(message), context);
    }

    /**
     * Scores a parsed message. With exactly one recipient, that recipient's settings (domain and
     * user overrides, per-user Bayes) apply; with several, the global ones: to honour each
     * recipient's settings, scan once per recipient with a context naming only that recipient.
     */
    public ScanResult scan(ScannedMessage message, ScanContext context) {
        Optional<String> recipient = context.recipients().size() == 1 ? Optional.of(context.recipients().get(0)) : Optional.empty();
        Settings settings = config.settingsFor(globalSettings, recipient);
        Instant now = clock.instant();
        RuleInput input = new RuleInput(message, context, settings, recipient, now);

        List<Hit> gtubeHits = gtube.check(input);
        if (!gtubeHits.isEmpty()) {
            List<Symbol> symbols = recordReputation(input, symbols(gtubeHits, settings), Optional.of(Action.REJECT));
            return result(settings, symbols, Action.REJECT, Optional.of("GTUBE"));
        }
        List<Hit> hits = new ArrayList<>();
        for (Rule rule : rules) {
            try {
                hits.addAll(rule.check(input));
            } catch (RuntimeException e) { // a rule's bug must not lose the mail; it shows in the result
                hits.add(Hit.of("RULE_ERROR", rule.getClass().getSimpleName() + ": " + e));
            }
        }
        List<Symbol> symbols = Composites.apply(symbols(hits, settings), config.composites(), settings::weight);
        symbols = recordReputation(input, symbols, Optional.empty());
        double score = sum(symbols);
        Action action = settings.actionFor(score);
        Optional<String> forcedBy = Optional.empty();
        for (Hit hit : hits) {
            if (hit.forcedAction().isPresent() && hit.forcedAction().get().compareTo(action) > 0) {
                action = hit.forcedAction().get();
                forcedBy = Optional.of(hit.symbol());
            }
        }
        if (forcedBy.isEmpty()) {
            Optional<Hit> grey = greylisting.check(input, action);
            if (grey.isPresent()) {
                symbols = new ArrayList<>(symbols);
                symbols.addAll(symbols(List.of(grey.get()), settings));
                action = grey.get().forcedAction().orElse(action);
                forcedBy = Optional.of(grey.get().symbol());
                score = sum(symbols);
            }
        }
        return result(settings, symbols, action, forcedBy);
    }

    /**
     * Records the scan's verdict for the sender's reputation: {@code action} when forced (GTUBE),
     * else the action of the score without the reputation symbols. A store failure costs the
     * sample, never the mail: it shows as RULE_ERROR.
     */
    private List<Symbol> recordReputation(RuleInput input, List<Symbol> symbols, Optional<Action> forced) {
        if (reputation.isEmpty()) {
            return symbols;
        }
        double score = symbols.stream().filter(s -> !ReputationRule.SYMBOLS.contains(s.name())).mapToDouble(Symbol::score).sum();
        try {
            reputation.get().record(input, forced.orElseGet(() -> input.settings().actionFor(score)), score);
            return symbols;
        } catch (RuntimeException e) {
            List<Symbol> withError = new ArrayList<>(symbols);
            withError.addAll(symbols(List.of(Hit.of("RULE_ERROR", "ReputationRule.record: " + e)), input.settings()));
            return withError;
        }
    }

    /** The classifier, to learn and unlearn (e.g. from IMAP moves into and out of the Junk folder). */
    public BayesClassifier bayes() {
        return bayes;
    }

    public ScoringConfig config() {
        return config;
    }

    private static ScanResult result(Settings settings, List<Symbol> symbols, Action action, Optional<String> forcedBy) {
        return new ScanResult(sum(symbols), settings.requiredScore(), action, symbols, forcedBy);
    }

    private static double sum(List<Symbol> symbols) {
        return symbols.stream().mapToDouble(Symbol::score).sum();
    }

    /** One symbol per name: a name hit twice keeps its first score and gathers the options. */
    private static List<Symbol> symbols(List<Hit> hits, Settings settings) {
        Map<String, Symbol> byName = new LinkedHashMap<>();
        for (Hit hit : hits) {
            Symbol symbol = new Symbol(hit.symbol(), settings.weight(hit.symbol()) * hit.factor(), hit.options());
            byName.merge(hit.symbol(), symbol, (a, b) -> {
                List<String> options = new ArrayList<>(a.options());
                b.options().stream().filter(o -> !options.contains(o)).forEach(options::add);
                return new Symbol(a.name(), a.score(), options);
            });
        }
        return List.copyOf(byName.values());
    }

    /** Builds an engine; stores default to in memory, the clock to the system's. */
    public static final class Builder {
        private final ScoringConfig config;
        private Optional<Resolver> resolver = Optional.empty();
        private BayesStore bayesStore = new InMemoryBayesStore();
        private GreylistStore greylistStore = new InMemoryGreylistStore();
        private RateLimitStore rateLimitStore = new InMemoryRateLimitStore();
        private TagSeenStore tagSeenStore = new InMemoryTagSeenStore();
        private ReputationStore reputationStore = new InMemoryReputationStore();
        private Clock clock = Clock.systemUTC();
        private final List<Rule> extraRules = new ArrayList<>();

        private Builder(ScoringConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Needed when DNS blocklists are configured. */
        public Builder resolver(Resolver value) {
            this.resolver = Optional.of(value);
            return this;
        }

        public Builder bayesStore(BayesStore value) {
            this.bayesStore = Objects.requireNonNull(value);
            return this;
        }

        public Builder greylistStore(GreylistStore value) {
            this.greylistStore = Objects.requireNonNull(value);
            return this;
        }

        public Builder rateLimitStore(RateLimitStore value) {
            this.rateLimitStore = Objects.requireNonNull(value);
            return this;
        }

        public Builder tagSeenStore(TagSeenStore value) {
            this.tagSeenStore = Objects.requireNonNull(value);
            return this;
        }

        public Builder reputationStore(ReputationStore value) {
            this.reputationStore = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** A rule of the deployment's own, run after the default set; its symbols need weights in the configuration. */
        public Builder addRule(Rule rule) {
            this.extraRules.add(Objects.requireNonNull(rule));
            return this;
        }

        public ScoringEngine build() {
            return new ScoringEngine(this);
        }
    }
}
