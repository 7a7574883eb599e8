package dev.postern.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Entry point of the admin commands that {@code ./postern} passes on: {@code ./postern NAME ARGS}
 * runs the {@link Command} called NAME. Add a command by adding it to {@link #COMMANDS}.
 */
public final class PosternCli {

    static final List<Command> COMMANDS = List.of(
        new DkimCommand(),
        new DnsRecordsCommand(),
        new SpfCommand(),
        new DmarcCommand(),
        new dev.postern.cli.score.ScanCommand(),
        new dev.postern.cli.score.CorpusTestCommand(),
        new dev.postern.cli.score.LearnCommand()
    );

    private PosternCli() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Command> byName = COMMANDS.stream().collect(Collectors.toMap(Command::name, Function.identity()));
        if (args.isEmpty() || args.get(0).equals("commands")) {
            COMMANDS.forEach(command -> out.println("  " + command.name() + " " + command.usage()));
            return 0;
        }
        Optional<Command> command = Optional.ofNullable(byName.get(args.get(0)));
        if (command.isEmpty()) {
            err.println("postern: unknown command '" + args.get(0) + "'; ./postern help lists the commands");
            return 2;
        }
        try {
            return command.get().run(args.subList(1, args.size()), out, err);
        } catch (IllegalArgumentException e) {
            err.println("postern " + command.get().name() + ": " + e.getMessage());
            err.println("usage: ./postern " + command.get().name() + " " + command.get().usage());
            return 2;
        } catch (Exception e) {
            err.println("postern " + command.get().name() + ": " + e.getMessage());
            return 1;
        }
    }
}
