package dev.postern.guice;

import java.io.FileNotFoundException;

import javax.inject.Singleton;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.Resolver;
import dev.postern.inbound.InboundPolicy;
import dev.postern.inbound.MessageAuthenticator;
import dev.postern.subaddress.Subaddressing;

/**
 * Binds what Postern's mailets, matchers and SMTP handlers share, read from
 * {@code conf/postern.properties} (every key optional):
 * <pre>
 * # characters that separate user and detail in user+detail@domain (RFC 5233); "+-" allows both
 * subaddress.delimiters=+
 * # authentication of mail from other servers (SPF, DKIM, DMARC): see InboundPolicy
 * authentication.authserv-id=mx.example.net
 * authentication.trusted-networks=
 * authentication.trusted-forwarders=
 * authentication.temperror=accept
 * authentication.spf.reject-fail=false
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

    /** DNS for SPF, DKIM and DMARC: POSTERN_DNS, else the system's servers; one cache for all. */
    @Provides
    @Singleton
    Resolver resolver() {
        return DnsjavaResolver.builder().servers(DnsjavaResolver.environmentOrSystemServers()).build();
    }

    @Provides
    @Singleton
    InboundPolicy inboundPolicy(PropertiesProvider propertiesProvider) throws ConfigurationException {
        Configuration configuration = postern(propertiesProvider);
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

    private static Configuration postern(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            return propertiesProvider.getConfiguration(CONFIGURATION_NAME);
        } catch (FileNotFoundException e) {
            return new BaseConfiguration();
        }
    }
}
