package dev.postern.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.Resolver;
import dev.postern.spf.SpfChecker;
import dev.postern.spf.SpfResult;
import dev.postern.spf.SpfVerdict;

/**
 * {@code ./postern spf IP MAILFROM HELO}: the SPF result of RFC 7208 for a client, as the MX
 * would find it at MAIL FROM. Prints the result word, then the explanation, then the
 * Received-SPF field. DNS: {@code POSTERN_DNS}, else the system's servers.
 */
final class SpfCommand implements Command {

    private final Supplier<Resolver> resolver;

    SpfCommand() {
        this(() -> DnsjavaResolver.builder().servers(DnsjavaResolver.environmentOrSystemServers()).build());
    }

    SpfCommand(Supplier<Resolver> resolver) {
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return "spf";
    }

    @Override
    public String usage() {
        return "IP MAILFROM HELO   SPF result for a client (MAILFROM \"\" for a bounce), then why; exit 0 on pass";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) {
        if (arguments.size() != 3) {
            throw new IllegalArgumentException("expected 3 arguments (IP MAILFROM HELO), got " + arguments.size());
        }
        InetAddress ip = address(arguments.get(0));
        SpfVerdict verdict = SpfChecker.builder(resolver.get()).receiver("postern-cli").build()
            .checkMailFrom(ip, arguments.get(1), arguments.get(2));
        out.println(verdict.result().keyword());
        out.println(explanation(verdict));
        out.println("Received-SPF: " + verdict.receivedSpf("postern-cli"));
        return verdict.result() == SpfResult.PASS ? 0 : 1;
    }

    static InetAddress address(String text) {
        if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address such as 192.0.2.1 or 2001:db8::1");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address such as 192.0.2.1 or 2001:db8::1", e);
        }
    }

    /** The domain's exp= text, else what went wrong, else the directive that decided. */
    private static String explanation(SpfVerdict verdict) {
        if (verdict.explanation().isPresent()) {
            return verdict.explanation().get();
        }
        if (verdict.problem().isPresent()) {
            return verdict.problem().get();
        }
        String ip = verdict.ip().getHostAddress();
        return switch (verdict.result()) {
            case NONE -> "no SPF record for " + verdict.domain();
            case NEUTRAL -> verdict.mechanism().map(m -> "\"" + m + "\" matched " + ip + ": " + verdict.domain() + " states nothing about it")
                .orElse("nothing in the SPF record of " + verdict.domain() + " matched " + ip);
            default -> verdict.mechanism().map(m -> "\"" + m + "\" of " + verdict.domain() + " matched " + ip)
                .orElse(verdict.domain() + ": " + verdict.result().keyword() + " for " + ip);
        };
    }
}
