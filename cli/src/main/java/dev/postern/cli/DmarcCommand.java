package dev.postern.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.postern.dmarc.DmarcResult;
import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.Resolver;
import dev.postern.inbound.AuthenticationOutcome;
import dev.postern.inbound.InboundPolicy;
import dev.postern.inbound.MessageAuthenticator;
import dev.postern.spf.SpfVerdict;

/**
 * {@code ./postern dmarc FILE.eml --ip IP --mail-from ADDR --helo NAME}: SPF, DKIM and DMARC of a
 * message as the MX would decide them (pct sampling included). Prints the DMARC result, the
 * policy and the disposition on the first line, then the Authentication-Results field and what
 * the MX would answer. DNS: {@code POSTERN_DNS}, else the system's servers.
 */
final class DmarcCommand implements Command {

    private final Supplier<Resolver> resolver;

    DmarcCommand() {
        this(() -> DnsjavaResolver.builder().servers(DnsjavaResolver.environmentOrSystemServers()).build());
    }

    DmarcCommand(Supplier<Resolver> resolver) {
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return "dmarc";
    }

    @Override
    public String usage() {
        return "FILE.eml --ip IP --mail-from ADDR --helo NAME   DMARC result, policy, disposition; exit 0 on pass";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        List<String> files = new ArrayList<>();
        String ip = null;
        String mailFrom = null;
        String helo = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--ip") || argument.equals("--mail-from") || argument.equals("--helo")) {
                if (i + 1 >= arguments.size()) {
                    throw new IllegalArgumentException(argument + " needs a value");
                }
                String value = arguments.get(++i);
                switch (argument) {
                    case "--ip" -> ip = value;
                    case "--mail-from" -> mailFrom = value;
                    default -> helo = value;
                }
            } else if (argument.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + argument + " (--ip, --mail-from, --helo)");
            } else {
                files.add(argument);
            }
        }
        if (files.size() != 1 || ip == null || mailFrom == null || helo == null) {
            throw new IllegalArgumentException("expected one message file and --ip, --mail-from and --helo");
        }
        byte[] message;
        try {
            message = Files.readAllBytes(Path.of(files.get(0)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + files.get(0), e);
        }
        InetAddress client = SpfCommand.address(ip);
        MessageAuthenticator authenticator = new MessageAuthenticator(resolver.get(),
            InboundPolicy.read(key -> key.equals(InboundPolicy.AUTHSERV_ID) ? "postern-cli" : null));
        SpfVerdict spf = authenticator.spf(client, mailFrom, helo);
        AuthenticationOutcome outcome = authenticator.message(spf, authenticator.helo(client, mailFrom, helo), message);
        out.println(outcome.dmarc().result().keyword() + " policy=" + outcome.dmarc().policy().keyword()
            + " disposition=" + outcome.disposition().keyword()
            + (outcome.dmarc().sampledOut() ? " (pct sampling lowered it)" : "")
            + outcome.override().map(reason -> " (" + reason + ")").orElse(""));
        out.println("Authentication-Results: " + outcome.authenticationResults());
        out.println("SMTP: " + switch (outcome.decision().action()) {
            case ACCEPT -> "250 accepted";
            case QUARANTINE -> "250 accepted, delivered to Junk";
            case REJECT, DEFER -> outcome.decision().reply().orElse("") + " " + outcome.decision().text().orElse("");
        });
        return outcome.dmarc().result() == DmarcResult.PASS ? 0 : 1;
    }
}
