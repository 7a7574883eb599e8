package dev.postern.inbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of IP networks in CIDR notation ("192.0.2.0/24", "2001:db8::/32", "127.0.0.1"), for
 * trusted networks and trusted forwarders. IPv4-mapped IPv6 clients match IPv4 networks.
 */
public final class Networks {

    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Network(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> networks;
    private final String text;

    private Networks(List<Network> networks, String text) {
        this.networks = List.copyOf(networks);
        this.text = text;
    }

    public static Networks none() {
        return new Networks(List.of(), "");
    }

    /**
     * Reads networks separated by commas or white space.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or network
     */
    public static Networks parse(String text) {
        List<Network> networks = new ArrayList<>();
        for (String entry : text.trim().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                networks.add(network(entry));
            }
        }
        return new Networks(networks, text.trim());
    }

    /** True when {@code entry} reads as an address or a network (not a domain name). */
    public static boolean isNetwork(String entry) {
        int slash = entry.indexOf('/');
        return LITERAL.matcher(slash < 0 ? entry : entry.substring(0, slash)).matches();
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        if (!isNetwork(entry)) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or network such as 192.0.2.0/24 or 2001:db8::/32");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or network such as 192.0.2.0/24 or 2001:db8::/32", e);
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + entry + "': the prefix length must be 0 to " + bytes.length * 8);
            }
        }
        return new Network(bytes, bits);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        return networks.stream().anyMatch(network -> network.contains(bytes));
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** ::ffff:a.b.c.d as a.b.c.d. */
    private static byte[] unmapped(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
                return new byte[] {address[12], address[13], address[14], address[15]};
            }
        }
        return address;
    }

    @Override
    public String toString() {
        return text;
    }
}
