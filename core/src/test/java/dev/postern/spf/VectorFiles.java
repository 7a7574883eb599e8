package dev.postern.spf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Reads tab-separated test vectors from the test resources, skipping comments and blank lines. */
final class VectorFiles {

    private VectorFiles() {
    }

    static Stream<String[]> read(Class<?> owner, String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(owner.getResourceAsStream(name), "missing test resource " + name)) {
            List<String[]> rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", -1))
                .toList();
            return rows.stream();
        }
    }
}
