package dev.postern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PosternCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PosternCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownCommandIsAClearError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("postern: unknown command 'frobnicate'; ./postern help lists the commands");
    }

    @Test
    void listsItsCommands() {
        assertThat(run("commands")).isZero();
        for (Command command : PosternCli.COMMANDS) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(command.name() + " " + command.usage());
        }
    }
}
