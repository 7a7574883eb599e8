package dev.postern.guice;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import dev.postern.dkim.keys.DkimKeyManager;
import dev.postern.dkim.keys.DkimKeyStore;
import dev.postern.dkim.keys.FileDkimKeyStore;
import dev.postern.dmarc.PublicSuffixList;
import dev.postern.dmarc.report.ReportDestinations;
import dev.postern.dmarcreports.DmarcReportSettings;
import dev.postern.dmarcreports.MailetContextReportMailer;
import dev.postern.dmarcreports.ReportMailer;
import dev.postern.dns.DnsServers;
import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.Resolver;
import dev.postern.inbound.InboundPolicy;
import dev.postern.inbound.MessageAuthenticator;
import dev.postern.metrics.StorageGauges;
import dev.postern.score.ScoringEngine;
import dev.postern.score.ScoringOptions;
import dev.postern.score.bayes.BayesStore;
import dev.postern.score.config.ConfigParser;
import dev.postern.score.config.ScoringConfig;
import dev.postern.score.store.GreylistStore;
import dev.postern.score.store.RateLimitStore;
import dev.postern.score.store.ReputationStore;
import dev.postern.score.store.TagSeenStore;
import dev.postern.storage.Stores;
import dev.postern.subaddress.Subaddressing;
import dev.postern.zone.DomainRecords;

/**
 * Binds what Postern's mailets, matchers and SMTP handlers share, read from
 * {@code conf/postern.properties} (every key optional):
 * <pre>
 * # characters that separate user and detail in user+detail@domain (RFC 5233); "+-" allows both
 * subaddress.delimiters=+
 * # DKIM keys: folder (relative to James's working directory; with storage=cassandra the keys
 * # are in the keyspace instead), how long retired keys stay published, how often new domains
 * # get keys (ISO-8601 durations)
 * dkim.keys.directory=var/dkim
 * dkim.keys.retiredGrace=P7D
 * dkim.keys.checkInterval=PT1M
 * # what GET /postern/dns-records/{domain} proposes ({domain} is replaced)
 * dns.mx=mail.{domain}
 * dns.dmarc.policy=quarantine
 * dns.dmarc.rua=postmaster@{domain}
 * # authentication of mail from other servers (SPF, DKIM, DMARC): see InboundPolicy
 * authentication.authserv-id=mx.example.net
 * authentication.trusted-networks=
 * authentication.trusted-forwarders=
 * authentication.temperror=accept
 * authentication.spf.reject-fail=false
 * # spam scoring: the rules (default: the built-in ones), and how verdicts are applied
 * scoring.rules=file://conf/scoring.xml
 * scoring.junk.folder=Junk
 * scoring.trash.folder=Trash
 * scoring.scan.authenticated=false
 * scoring.subject=*** SPAM *** %s
 * # DMARC aggregate reports (RFC 7489 section 7.2): see DmarcReportSettings
 * dmarc.reports.enabled=false
 * dmarc.reports.from=dmarc-reports@example.org
 * dmarc.reports.org-name=
 * dmarc.reports.interval=P1D
 * </pre>
 * DNS lookups of Postern go to the servers of {@code POSTERN_DNS} ({@code host:port[,host:port]}),
 * else to the system's (/etc/resolv.conf).
 * James loads it for its extensions when {@code conf/extensions.properties} lists it:
 * <pre>
 * guice.extension.module=dev.postern.guice.PosternModule
 * </pre>
 */
public class PosternModule extends AbstractModule {

    public static final String CONFIGURATION_NAME = "postern";
    public static final String SUBADDRESS_DELIMITERS = "subaddress.delimiters";
    public static final String DKIM_KEYS_DIRECTORY = "dkim.keys.directory";
    public static final String DKIM_RETIRED_GRACE = "dkim.keys.retiredGrace";
    public static final String DKIM_CHECK_INTERVAL = "dkim.keys.checkInterval";
    public static final String DNS_MX = "dns.mx";
    public static final String DNS_DMARC_POLICY = "dns.dmarc.policy";
    public static final String DNS_DMARC_RUA = "dns.dmarc.rua";
    public static final String SCORING_RULES = "scoring.rules";
    public static final String SCORING_JUNK_FOLDER = "scoring.junk.folder";
    public static final String SCORING_TRASH_FOLDER = "scoring.trash.folder";
    public static final String SCORING_SCAN_AUTHENTICATED = "scoring.scan.authenticated";
    public static final String SCORING_SUBJECT = "scoring.subject";

    @Override
    protected void configure() {
        // storage=memory|cassandra, opensearch.enabled: the stores and the scan log
        install(new StorageModule());
        // gauges over the scan log and the storage backend, in James's metrics (GET /metrics)
        bind(StorageGauges.class).asEagerSingleton();
        // DMARC aggregate reports enter James's spool as mail sent by a mailet
        bind(ReportMailer.class).to(MailetContextReportMailer.class);
    }

    @Provides
    @Singleton
    DmarcReportSettings dmarcReportSettings(PosternSettings settings, InboundPolicy inbound) throws ConfigurationException {
        Configuration configuration = settings.configuration();
        try {
            return DmarcReportSettings.read(key -> configuration.getString(key, null), inbound.authservId());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties, " + e.getMessage(), e);
        }
    }

    /** Where reports may go: rua= addresses verified through Postern's resolver (RFC 7489 section 7.1). */
    @Provides
    @Singleton
    ReportDestinations reportDestinations(Resolver resolver) {
        return new ReportDestinations(resolver, PublicSuffixList.guava());
    }

    @Provides
    @Singleton
    Subaddressing subaddressing(PosternSettings settings) throws ConfigurationException {
        Configuration configuration = settings.configuration();
        String delimiters = configuration.getString(SUBADDRESS_DELIMITERS, Subaddressing.DEFAULT_DELIMITERS);
        try {
            return Subaddressing.withDelimiters(delimiters);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties, " + SUBADDRESS_DELIMITERS + ": " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    DkimKeyManager dkimKeyManager(PosternSettings settings, Stores stores) throws ConfigurationException {
        Configuration configuration = settings.configuration();
        Duration grace = duration(configuration, DKIM_RETIRED_GRACE, DkimKeyManager.DEFAULT_RETIRED_GRACE);
        // storage=cassandra keeps the keys in the keyspace: every server signs with the same ones,
        // and a new domain's keys are made by one server, under the cluster's lease
        DkimKeyStore store = stores.dkimKeys().orElseGet(() -> new FileDkimKeyStore(dkimKeysDirectory(configuration)));
        return new DkimKeyManager(store, Clock.systemUTC(), grace, stores.leases());
    }

    private static Path dkimKeysDirectory(Configuration configuration) {
        Path directory = Paths.get(configuration.getString(DKIM_KEYS_DIRECTORY, FileDkimKeyStore.DEFAULT_DIRECTORY));
        return directory.isAbsolute() ? directory : Paths.get(System.getProperty("working.directory", ".")).resolve(directory);
    }

    @Provides
    @Singleton
    @Named(DKIM_CHECK_INTERVAL)
    Duration dkimCheckInterval(PosternSettings settings) throws ConfigurationException {
        Duration interval = duration(settings.configuration(), DKIM_CHECK_INTERVAL, Duration.ofMinutes(1));
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties, " + DKIM_CHECK_INTERVAL + ": at least PT1S, e.g. PT1M");
        }
        return interval;
    }

    @Provides
    @Singleton
    DomainRecords.Settings domainRecordSettings(PosternSettings settings) throws ConfigurationException {
        Configuration configuration = settings.configuration();
        try {
            return new DomainRecords.Settings(configuration.getString(DNS_MX, null),
                configuration.getString(DNS_DMARC_POLICY, DomainRecords.Settings.defaults().dmarcPolicy()),
                configuration.getString(DNS_DMARC_RUA, null));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties, " + DNS_DMARC_POLICY + ": " + e.getMessage(), e);
        }
    }

    /** DNS for SPF, DKIM and DMARC: POSTERN_DNS, else the system's servers; one cache for all. */
    @Provides
    @Singleton
    Resolver resolver() throws ConfigurationException {
        List<InetSocketAddress> servers = DnsjavaResolver.environmentOrSystemServers();
        if (servers.isEmpty()) {
            throw new ConfigurationException("no DNS server: set " + DnsServers.ENVIRONMENT_VARIABLE
                + "=host:port or list nameservers in /etc/resolv.conf");
        }
        return DnsjavaResolver.builder().servers(servers).build();
    }

    private static Duration duration(Configuration configuration, String key, Duration defaultValue) throws ConfigurationException {
        String text = configuration.getString(key, null);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties, " + key + "=" + text
                + ": write an ISO-8601 duration such as P7D (7 days) or PT1M (1 minute)", e);
        }
    }

    @Provides
    @Singleton
    InboundPolicy inboundPolicy(PosternSettings settings) throws ConfigurationException {
        Configuration configuration = settings.configuration();
        try {
            return InboundPolicy.read(key -> configuration.containsKey(key) ? String.join(",", configuration.getStringArray(key)) : null);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties, " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    MessageAuthenticator messageAuthenticator(Resolver resolver, InboundPolicy policy) {
        return new MessageAuthenticator(resolver, policy);
    }

    @Provides
    @Singleton
    ScoringOptions scoringOptions(PosternSettings settings) throws ConfigurationException {
        Configuration configuration = settings.configuration();
        ScoringOptions defaults = ScoringOptions.DEFAULT;
        try {
            return new ScoringOptions(
                configuration.getString(SCORING_JUNK_FOLDER, defaults.junkFolder()),
                configuration.getString(SCORING_TRASH_FOLDER, defaults.trashFolder()),
                configuration.getBoolean(SCORING_SCAN_AUTHENTICATED, defaults.scanAuthenticated()),
                configuration.getString(SCORING_SUBJECT, defaults.subjectTemplate()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties: " + e.getMessage(), e);
        }
    }

    /**
     * One engine for the SMTP hook, the mailet, the Junk listener and WebAdmin, so that they
     * share Bayes, greylisting, rate-limit and sender reputation state (storage=memory: lost at
     * restart). The engine records each scan's verdict for the sender's reputation itself.
     */
    @Provides
    @Singleton
    ScoringEngine scoringEngine(PosternSettings settings, FileSystem fileSystem, Resolver resolver,
                                GreylistStore greylist, RateLimitStore rateLimits, TagSeenStore tagsSeen, BayesStore bayes,
                                ReputationStore reputation)
        throws ConfigurationException {
        String rules = settings.configuration().getString(SCORING_RULES, null);
        ScoringConfig config;
        if (rules == null || rules.isBlank()) {
            config = ScoringConfig.defaults();
        } else {
            try {
                File file = fileSystem.getFile(rules.trim());
                try (InputStream in = Files.newInputStream(file.toPath())) {
                    config = ConfigParser.parse(in, file.getPath());
                }
            } catch (IOException e) {
                throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties, " + SCORING_RULES + "=" + rules
                    + ": cannot read it (" + e.getMessage() + "); give a file such as file://conf/scoring.xml, or remove the key for the built-in rules", e);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage(), e);
            }
        }
        // The stores come from StorageModule: memory, or Cassandra shared by every node.
        return ScoringEngine.builder(config).resolver(resolver)
            .greylistStore(greylist).rateLimitStore(rateLimits).tagSeenStore(tagsSeen).bayesStore(bayes)
            .reputationStore(reputation)
            .build();
    }
}
