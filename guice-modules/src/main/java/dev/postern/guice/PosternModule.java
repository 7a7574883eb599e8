package dev.postern.guice;

import java.io.FileNotFoundException;

import javax.inject.Singleton;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import dev.postern.subaddress.Subaddressing;

/**
 * Binds what Postern's mailets, matchers and SMTP handlers share, read from
 * {@code conf/postern.properties} (every key optional):
 * <pre>
 * # characters that separate user and detail in user+detail@domain (RFC 5233); "+-" allows both
 * subaddress.delimiters=+
 * </pre>
 * James loads it for its extensions when {@code conf/extensions.properties} lists it:
 * <pre>
 * guice.extension.module=dev.postern.guice.PosternModule
 * </pre>
 */
public class PosternModule extends AbstractModule {

    public static final String CONFIGURATION_NAME = "postern";
    public static final String SUBADDRESS_DELIMITERS = "subaddress.delimiters";

    @Override
    protected void configure() {
        // storage=memory|cassandra, opensearch.enabled: the stores and the scan log
        install(new StorageModule());
    }

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

    static Configuration postern(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return propertiesProvider.getConfiguration(CONFIGURATION_NAME);
        } catch (FileNotFoundException e) {
            return new BaseConfiguration();
        }
    }
}
