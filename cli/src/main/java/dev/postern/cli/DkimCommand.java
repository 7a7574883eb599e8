package dev.postern.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.xbill.DNS.ResolverConfig;

import dev.postern.dkim.DkimResult;
import dev.postern.dkim.DkimVerifier;
import dev.postern.dkim.SignatureResult;
import dev.postern.dns.DnsServers;
import dev.postern.dns.DnsjavaResolver;

/**
 * {@code ./postern dkim verify FILE.eml}: verifies every DKIM-Signature of a message file and
 * prints one line per signature ({@code dkim=pass header.d=... header.s=...}), or
 * {@code dkim=none}. Keys are fetched from {@code POSTERN_DNS} when set, else from the system's
 * resolvers. Exit status 0 when every signature passed, 1 otherwise.
 */
public final class DkimCommand implements Command {

    @Override
    public String name() {
        return "dkim";
    }

    @Override
    public String usage() {
        return "verify FILE.eml   verify every DKIM signature of a message, one line each (DNS: POSTERN_DNS or the system's)";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        if (arguments.size() != 2 || !arguments.get(0).equals("verify")) {
            throw new IllegalArgumentException("write: ./postern dkim verify FILE.eml");
        }
        byte[] message;
        try {
            message = Files.readAllBytes(Path.of(arguments.get(1)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no file " + arguments.get(1));
        }
        List<InetSocketAddress> servers = DnsServers.fromEnvironment();
        if (servers.isEmpty()) {
            servers = ResolverConfig.getCurrentConfig().servers();
        }
        if (servers.isEmpty()) {
            err.println("postern dkim: no DNS server: set POSTERN_DNS=host:port");
            return 1;
        }
        List<SignatureResult> results = new DkimVerifier(DnsjavaResolver.builder().servers(servers).build()).verify(message);
        if (results.isEmpty()) {
            out.println("dkim=none (the message has no DKIM-Signature)");
            return 1;
        }
        results.forEach(out::println);
        return results.stream().allMatch(r -> r.result() == DkimResult.PASS) ? 0 : 1;
    }
}
