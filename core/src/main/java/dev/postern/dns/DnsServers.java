package dev.postern.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the DNS servers to ask, written as {@code host}, {@code host:port} or
 * {@code [ipv6]:port}, several separated by commas. Port 53 (RFC 1035 section 4.2) by default.
 */
public final class DnsServers {

    /** The environment variable that points every lookup at one or more servers. */
    public static final String ENVIRONMENT_VARIABLE = "POSTERN_DNS";
    public static final int DEFAULT_PORT = 53;

    private DnsServers() {
    }

    /** The servers named by {@value #ENVIRONMENT_VARIABLE}, empty when it is unset or blank. */
    public static List<InetSocketAddress> fromEnvironment() {
        return Optional.ofNullable(System.getenv(ENVIRONMENT_VARIABLE))
            .filter(value -> !value.isBlank())
            .map(value -> parseList(value, ENVIRONMENT_VARIABLE))
            .orElse(List.of());
    }

    /**
     * @param source where the text came from, named in the error message
     * @throws IllegalArgumentException saying which entry is wrong and how to write it
     */
    public static List<InetSocketAddress> parseList(String text, String source) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : text.split(",")) {
            servers.add(parse(entry.trim(), source));
        }
        return List.copyOf(servers);
    }

    public static InetSocketAddress parse(String entry, String source) {
        String host;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw invalid(entry, source);
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(entry, source);
                }
                port = rest.substring(1);
            }
        } else if (entry.indexOf(':') != entry.lastIndexOf(':')) {
            host = entry; // a bare IPv6 address
        } else {
            int colon = entry.indexOf(':');
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(entry, source);
        }
        int portNumber = port == null ? DEFAULT_PORT : parsePort(port, entry, source);
        // Unresolved on purpose: a name here must not itself need DNS before DNS is configured.
        return InetSocketAddress.createUnresolved(host, portNumber);
    }

    private static int parsePort(String port, String entry, String source) {
        try {
            int value = Integer.parseInt(port);
            if (value < 1 || value > 65535) {
                throw invalid(entry, source);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(entry, source);
        }
    }

    private static IllegalArgumentException invalid(String entry, String source) {
        return new IllegalArgumentException(source + ": '" + entry
            + "' is not a DNS server; write host, host:port or [ipv6]:port, e.g. 127.0.0.1:5353");
    }
}
