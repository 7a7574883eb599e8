package dev.postern.guice;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import javax.inject.Singleton;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import dev.postern.dns.DnsjavaResolver;
import dev.postern.score.ScoringEngine;
import dev.postern.score.ScoringOptions;
import dev.postern.score.config.ConfigParser;
import dev.postern.score.config.ScoringConfig;
import dev.postern.subaddress.Subaddressing;

/**
 * Binds what Postern's mailets, matchers and SMTP handlers share, read from
 * {@code conf/postern.properties} (every key optional):
 * <pre>
 * # characters that separate user and detail in user+detail@domain (RFC 5233); "+-" allows both
 * subaddress.delimiters=+
 * # spam scoring: the rules (default: the built-in ones), and how verdicts are applied
 * scoring.rules=file://conf/scoring.xml
 * scoring.junk.folder=Junk
 * scoring.trash.folder=Trash
 * scoring.scan.authenticated=false
 * scoring.subject=*** SPAM *** %s
 * </pre>
 * James loads it for its extensions when {@code conf/extensions.properties} lists it:
 * <pre>
 * guice.extension.module=dev.postern.guice.PosternModule
 * </pre>
 */
public class PosternModule extends AbstractModule {

    public static final String CONFIGURATION_NAME = "postern";
    public static final String SUBADDRESS_DELIMITERS = "subaddress.delimiters";
    public static final String SCORING_RULES = "scoring.rules";
    public static final String SCORING_JUNK_FOLDER = "scoring.junk.folder";
    public static final String SCORING_TRASH_FOLDER = "scoring.trash.folder";
    public static final String SCORING_SCAN_AUTHENTICATED = "scoring.scan.authenticated";
    public static final String SCORING_SUBJECT = "scoring.subject";

    @Provides
    @Singleton
    Subaddressing subaddressing(PropertiesProvider propertiesProvider) throws ConfigurationException {
        Configuration configuration = postern(propertiesProvider);
        String delimiters = configuration.getString(SUBADDRESS_DELIMITERS, Subaddressing.DEFAULT_DELIMITERS);
        try {
            return Subaddressing.withDelimiters(delimiters);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("conf/" + CONFIGURATION_NAME + ".properties, " + SUBADDRESS_DELIMITERS + ": " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    ScoringOptions scoringOptions(PropertiesProvider propertiesProvider) throws ConfigurationException {
        Configuration configuration = postern(propertiesProvider);
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
     * share Bayes, greylisting and rate-limit state (in memory: lost at restart).
     */
    @Provides
    @Singleton
    ScoringEngine scoringEngine(PropertiesProvider propertiesProvider, FileSystem fileSystem) throws ConfigurationException {
        String rules = postern(propertiesProvider).getString(SCORING_RULES, null);
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
        ScoringEngine.Builder engine = ScoringEngine.builder(config);
        if (!config.rules().rbl().isEmpty() || !config.rules().uribl().isEmpty()) {
            engine.resolver(DnsjavaResolver.fromEnvironment());
        }
        return engine.build();
    }

    private static Configuration postern(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return propertiesProvider.getConfiguration(CONFIGURATION_NAME);
        } catch (FileNotFoundException e) {
            return new BaseConfiguration();
        }
    }
}
