package dev.postern.score.rules;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import dev.postern.dns.Resolver;
import dev.postern.score.config.DnsListZone;

/**
 * DNS blocklists of client addresses (RFC 5782): the reversed client IP is looked up under each
 * configured zone and the zone's symbol emitted with the listing code. Local addresses are not
 * looked up. No zone is configured by default.
 */
public final class RblRule implements Rule {

    private final Resolver resolver;
    private final List<DnsListZone> zones;

    public RblRule(Resolver resolver, List<DnsListZone> zones) {
        this.resolver = resolver;
        this.zones = List.copyOf(zones);
    }

    @Override
    public List<Hit> check(RuleInput input) {
        if (zones.isEmpty() || input.context().clientIp().isEmpty() || DnsLists.isLocal(input.context().clientIp().get())) {
            return List.of();
        }
        InetAddress ip = input.context().clientIp().get();
        String reversed = DnsLists.reversed(ip);
        List<Hit> hits = new ArrayList<>();
        for (DnsListZone zone : zones) {
            DnsLists.listed(resolver, reversed + "." + zone.zone())
                .ifPresent(code -> hits.add(Hit.of(zone.symbol(), ip.getHostAddress() + ":" + code)));
        }
        return hits;
    }
}
