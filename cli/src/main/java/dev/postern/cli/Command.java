package dev.postern.cli;

import java.io.PrintStream;
import java.util.List;

/** One admin command of {@code ./postern}, such as {@code ./postern spf IP MAILFROM HELO}. */
public interface Command {

    /** The word after {@code ./postern}. */
    String name();

    /** One line for {@code ./postern help}: arguments, then what it does. */
    String usage();

    /**
     * @param arguments the words after the command's name
     * @return the exit status: 0 done, 1 a negative answer (e.g. a signature that fails), 2 bad arguments
     */
    int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception;
}
