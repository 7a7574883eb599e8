package dev.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline of the end-to-end benchmark is James alone: no Postern class left in its conf/. */
class StockConfigurationTest {

    static final Pattern XML_COMMENT = Pattern.compile("(?s)<!--.*?-->");
    static final Pattern POSTERN_CLASS = Pattern.compile("dev\\.postern\\.[a-z.]*[A-Z]");

    @Test
    void noPosternClassIsLeft(@TempDir Path target) throws Exception {
        Path conf = EndToEndBenchmark.stockConfiguration(Path.of("../conf"), target);

        try (var files = Files.list(conf)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String withoutComments = XML_COMMENT.matcher(Files.readString(file)).replaceAll("");
                List<String> named = withoutComments.lines()
                    .filter(line -> !line.startsWith("#") && POSTERN_CLASS.matcher(line).find())
                    .toList();
                assertThat(named).as(file.toString()).isEmpty();
            }
        }
        assertThat(Files.readString(conf.resolve("extensions.properties"))).doesNotContain("guice.module");
    }
}
