package dev.postern.score.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A client address reduced to its network, for rules that judge senders by network (greylisting, reputation). */
final class ClientNetwork {

    private ClientNetwork() {
    }

    /** "203.0.113.0/24" for 203.0.113.77 with prefix 24; IPv6 addresses by {@code ipv6Prefix}. */
    static String of(InetAddress ip, int ipv4Prefix, int ipv6Prefix) {
        byte[] bytes = ip.getAddress();
        int prefix = bytes.length == 4 ? ipv4Prefix : ipv6Prefix;
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // getByAddress fails only on a wrong length
        }
    }
}
