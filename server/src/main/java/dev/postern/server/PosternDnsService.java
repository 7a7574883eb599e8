package dev.postern.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

import dev.postern.dns.DnsServers;

/**
 * James's dnsjava service, able to ask DNS servers on any port: James 3.8.1 only takes host
 * names and always uses port 53. Servers come from {@code POSTERN_DNS} when set, else from
 * {@code dnsservice.xml}'s {@code <servers><server>host:port</server></servers>}, else from the
 * system (autodiscovery, with the ports it reports). dnsjava's {@link SimpleResolver} asks over
 * UDP and repeats over TCP when the answer is truncated (RFC 7766 section 5). The resolver is also
 * made dnsjava's default, so libraries that use {@link Lookup} directly ask the same servers.
 */
public class PosternDnsService extends DNSJavaService {

    private static final Logger LOGGER = LoggerFactory.getLogger(PosternDnsService.class);

    private List<InetSocketAddress> servers = List.of();

    @Inject
    public PosternDnsService(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void configure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        try {
            servers = DnsServers.fromEnvironment();
            if (servers.isEmpty()) {
                servers = configuredServers(configuration);
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        // James's parser takes host names only: give it the rest of the configuration.
        BaseHierarchicalConfiguration withoutServers = new BaseHierarchicalConfiguration(configuration);
        withoutServers.clearTree("servers");
        if (!servers.isEmpty()) {
            withoutServers.setProperty("autodiscover", false);
        }
        super.configure(withoutServers);
    }

    private static List<InetSocketAddress> configuredServers(HierarchicalConfiguration<ImmutableNode> configuration) {
        List<InetSocketAddress> configured = new ArrayList<>();
        for (String server : configuration.getStringArray("servers.server")) {
            configured.add(DnsServers.parse(server.trim(), "dnsservice.xml <server>"));
        }
        return configured;
    }

    @Override
    public void init() throws Exception {
        super.init();
        if (!servers.isEmpty()) {
            resolver = resolverFor(servers);
            Lookup.setDefaultResolver(resolver);
            LOGGER.info("DNS servers: {}", servers);
        }
    }

    private static Resolver resolverFor(List<InetSocketAddress> servers) throws UnknownHostException {
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            resolvers.add(new SimpleResolver(new InetSocketAddress(InetAddress.getByName(server.getHostString()), server.getPort())));
        }
        return new ExtendedResolver(resolvers);
    }
}
