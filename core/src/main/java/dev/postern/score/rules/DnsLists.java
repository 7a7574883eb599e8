package dev.postern.score.rules;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.postern.dns.Resolver;

/** What RBL and URIBL lookups share: name building (RFC 5782) and reading the answer. */
final class DnsLists {

    private DnsLists() {
    }

    /** RFC 5782 section 2.1 (IPv4: octets reversed) and 2.4 (IPv6: nibbles reversed). */
    static String reversed(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = bytes.length - 1; i >= 0; i--) {
                name.append(bytes[i] & 0xff).append('.');
            }
        } else {
            for (int i = bytes.length - 1; i >= 0; i--) {
                name.append(Character.forDigit(bytes[i] & 0x0f, 16)).append('.')
                    .append(Character.forDigit((bytes[i] >> 4) & 0x0f, 16)).append('.');
            }
        }
        return name.substring(0, name.length() - 1);
    }

    /**
     * The listing code, when {@code name} is listed: an A record in 127.0.0.0/8 (RFC 5782 section
     * 2.1), except 127.255.255.0/24, which Spamhaus and others return to say "query refused"
     * (public resolver, over quota): that is not a listing.
     */
    static Optional<String> listed(Resolver resolver, String name) {
        Resolver.Lookup<InetAddress> lookup = resolver.a(name.toLowerCase(Locale.ROOT));
        if (!lookup.isFound()) {
            return Optional.empty();
        }
        List<InetAddress> codes = lookup.records().stream()
            .filter(a -> a instanceof Inet4Address)
            .filter(a -> (a.getAddress()[0] & 0xff) == 127)
            .filter(a -> !((a.getAddress()[1] & 0xff) == 255 && (a.getAddress()[2] & 0xff) == 255))
            .toList();
        return codes.isEmpty() ? Optional.empty() : Optional.of(codes.get(0).getHostAddress());
    }

    /** Addresses no public list can know: loopback, private, link-local, unspecified. */
    static boolean isLocal(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
            || address.isAnyLocalAddress() || (address.getAddress()[0] & 0xfe) == 0xfc; // fc00::/7, RFC 4193
    }
}
