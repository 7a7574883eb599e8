package dev.postern.mailets.dkim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Client networks written as CIDR blocks, e.g. {@code 192.0.2.0/24, 2001:db8::/32, 127.0.0.1}. */
final class Networks {

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> blocks;

    private Networks(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * @param text CIDR blocks separated by commas or spaces; empty for none
     * @throws IllegalArgumentException naming the entry that is not an address or prefix
     */
    static Networks parse(String text) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : text.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split("/", 2);
            if (!parts[0].matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block such as 192.0.2.0/24");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block such as 192.0.2.0/24", e);
            }
            int prefix = network.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "': the prefix length must be 0-" + network.length * 8);
                }
            }
            blocks.add(new Block(network, prefix));
        }
        return new Networks(blocks);
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** @param address an IP address as James records it (Mail.getRemoteAddr()); false when it is none */
    boolean contains(String address) {
        if (address == null || !address.matches("[0-9.]+|[0-9A-Fa-f:.%a-z]*:[0-9A-Fa-f:.%a-z]*")) {
            return false;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return blocks.stream().anyMatch(block -> block.contains(bytes));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
