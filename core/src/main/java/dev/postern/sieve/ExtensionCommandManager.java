package dev.postern.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.jsieve.Arguments;
import org.apache.jsieve.Block;
import org.apache.jsieve.CommandManager;
import org.apache.jsieve.ExecutableCommand;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.LookupException;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.MailAdapter;

/**
 * jSieve's command look-up over a fixed map of constructors. jSieve's own CommandManagerImpl
 * loads classes by name through jSieve's class loader, which cannot see an extension jar in
 * James; constructors need no class loader. Capability names that are no command ("variables",
 * "regex", ...) resolve to a marker so that jSieve's parse-time require check accepts them.
 */
final class ExtensionCommandManager implements CommandManager {
    private final Map<String, Supplier<ExecutableCommand>> commands;
    private final Set<String> capabilities;

    ExtensionCommandManager(Map<String, Supplier<ExecutableCommand>> commands, Set<String> capabilities) {
        this.commands = Map.copyOf(commands);
        this.capabilities = Set.copyOf(capabilities);
    }

    @Override
    public ExecutableCommand getCommand(String name) throws LookupException {
        String key = name.toLowerCase(Locale.ROOT);
        Supplier<ExecutableCommand> s = commands.get(key);
        if (s != null) {
            return s.get();
        }
        if (capabilities.contains(key)) {
            return new CapabilityMarker(key);
        }
        throw new LookupException("sieve: unknown command \"" + name + "\"; is a require missing, or misspelt?");
    }

    @Override
    public boolean isCommandSupported(String name) {
        return commands.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The capabilities for ManageSieve's SIEVE line (RFC 5804 section 1.7). */
    @Override
    public List<String> getExtensions() {
        List<String> l = new ArrayList<>(capabilities);
        l.sort(null);
        return l;
    }

    /** A capability name used as a command. */
    private record CapabilityMarker(String name) implements ExecutableCommand {
        @Override
        public Object execute(MailAdapter mail, Arguments arguments, Block block, SieveContext context)
                throws SieveException {
            throw context.getCoordinate().syntaxException(
                "\"" + name + "\" is a capability for require, not a command");
        }
    }
}
