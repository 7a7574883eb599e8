package dev.postern.cli.score;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.postern.score.config.ConfigParser;
import dev.postern.score.config.ScoringConfig;

/** What the scoring commands share: reading the rules and the message files. */
final class ScoringFiles {

    private ScoringFiles() {
    }

    /** The rules of {@code --rules FILE}, or the built-in defaults. */
    static ScoringConfig rules(String file) throws IOException {
        if (file == null) {
            return ScoringConfig.defaults();
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("--rules " + file + ": no such readable file (conf/scoring.xml is an example)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return ConfigParser.parse(in, file);
        }
    }

    /** The message files of a directory (recursively, sorted by name), skipping dot files and SpamAssassin's "cmds". */
    static List<Path> messages(String directory) throws IOException {
        Path root = Path.of(directory);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(directory + " is not a directory of message files");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .filter(p -> !p.getFileName().toString().equals("cmds"))
                .filter(p -> !p.getFileName().toString().endsWith(".json"))
                .sorted().toList());
            return files;
        }
    }

    /** A message file's bytes, without the mbox "From " separator line some corpora start with (it is not a header). */
    static byte[] read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length > 5 && new String(raw, 0, 5, StandardCharsets.US_ASCII).equals("From ")) {
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == '\n') {
                    return Arrays.copyOfRange(raw, i + 1, raw.length);
                }
            }
        }
        return raw;
    }
}
