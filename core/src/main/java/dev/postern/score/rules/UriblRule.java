package dev.postern.score.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.postern.dns.Resolver;
import dev.postern.score.config.DnsListZone;
import dev.postern.score.message.Html;

/**
 * URI blocklists (SURBL, URIBL): the domain of each URL in the text and HTML parts is looked up
 * under each configured zone, as {@code domain.zone}; URLs with an address literal as
 * {@code reversed-ip.zone}. No zone is configured by default.
 */
public final class UriblRule implements Rule {

    /**
     * Distinct domains looked up per message: spam stuffed with thousands of links must not turn
     * one scan into thousands of DNS queries (rspamd's surbl module caps too).
     */
    static final int DOMAINS_MAX = 24;

    private final Resolver resolver;
    private final List<DnsListZone> zones;

    public UriblRule(Resolver resolver, List<DnsListZone> zones) {
        this.resolver = resolver;
        this.zones = List.copyOf(zones);
    }

    @Override
    public List<Hit> check(RuleInput input) {
        if (zones.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String url : Html.urls(input.message())) {
            queryName(Html.host(url)).ifPresent(names::add);
            if (names.size() >= DOMAINS_MAX) {
                break;
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (DnsListZone zone : zones) {
            List<String> listed = new ArrayList<>();
            for (String name : names) {
                DnsLists.listed(resolver, name + "." + zone.zone()).ifPresent(code -> listed.add(name));
            }
            if (!listed.isEmpty()) {
                hits.add(new Hit(zone.symbol(), 1.0, listed, Optional.empty()));
            }
        }
        return hits;
    }

    /** The name to look up for a URL host: its registered domain, or the reversed address of a literal. */
    static Optional<String> queryName(String host) {
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.matches("[0-9a-f.]*:[0-9a-f:.]*")) {
            try {
                InetAddress address = InetAddress.getByName(host); // a literal: no DNS query is made
                return DnsLists.isLocal(address) ? Optional.empty() : Optional.of(DnsLists.reversed(address));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        String domain = Domains.registered(host);
        return domain.contains(".") ? Optional.of(domain) : Optional.empty();
    }
}
