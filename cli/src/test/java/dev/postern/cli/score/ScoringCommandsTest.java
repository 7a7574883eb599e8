package dev.postern.cli.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringCommandsTest {

    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(dev.postern.cli.Command command, String... args) throws Exception {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path message(String folder, String name, String subject, String body) throws Exception {
        Path file = dir.resolve(folder).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "From MAILER-DAEMON Sun Nov 29 12:00:00 2026\nFrom: a@remote.example\nTo: b@example.org\n"
            + "Subject: " + subject + "\nDate: Sun, 29 Nov 2026 12:00:00 +0000\nMessage-ID: <" + name + "@remote.example>\n\n" + body + "\n");
        return file;
    }

    @Test
    void scanPrintsOneJsonLinePerMessage() throws Exception {
        Path gtube = message("in", "gtube.eml", "test", GTUBE);
        Path clean = message("in", "clean.eml", "lunch", "see you at noon");

        assertThat(run(new ScanCommand(), gtube.toString(), clean.toString())).isZero();

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"file\":\"" + gtube + "\",\"score\":").contains("\"action\":\"reject\"").contains("\"GTUBE\"");
        assertThat(lines.get(1)).contains("\"action\":\"no action\"").doesNotContain("MISSING_DATE");
    }

    @Test
    void theShippedConfScoringXmlIsValid() throws Exception {
        Path gtube = message("in", "gtube.eml", "test", GTUBE);

        assertThat(run(new ScanCommand(), "--rules", Path.of("../conf/scoring.xml").toString(), gtube.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"action\":\"reject\"");
    }

    @Test
    void scanNamesAMissingRulesFile() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(new ScanCommand(), "--rules", dir.resolve("nope.xml").toString(), "x.eml"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.xml: no such readable file");
    }

    @Test
    void corpusTestPrintsEachMessageAndAConfusionTable() throws Exception {
        message("ham", "h1.eml", "meeting", "notes of the garden meeting");
        message("spam", "s1.eml", "offer", GTUBE);
        message("spam", "s2.eml", "lunch", "see you at noon");

        assertThat(run(new CorpusTestCommand(), "--ham", dir.resolve("ham").toString(), "--spam", dir.resolve("spam").toString())).isZero();

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output.lines().filter(l -> l.startsWith("{"))).hasSize(3)
            .allMatch(l -> l.contains("\"class\":") && l.contains("\"score\":") && l.contains("\"symbols\":"));
        assertThat(output).containsPattern("ham +1 +0 +0 +0 +0 +0 +1")
            .containsPattern("spam +1 +0 +0 +0 +0 +1 +2")
            .contains("spam detected (>= add header): 1/2 = 50.00%")
            .contains("ham false positives (>= add header): 0/1 = 0.00%");
    }

    @Test
    void corpusTestSpeedPassesScoreAgainAndPrintOnlyTheirSpeed() throws Exception {
        message("ham", "h1.eml", "meeting", "notes of the garden meeting");
        message("spam", "s1.eml", "offer", GTUBE);

        assertThat(run(new CorpusTestCommand(), "--ham", dir.resolve("ham").toString(), "--spam", dir.resolve("spam").toString(),
            "--speed-passes", "2")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{"))).hasSize(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("messages per CPU second")))
            .hasSize(3)
            .anyMatch(l -> l.startsWith("postern corpus-test: scanned 2 messages in "))
            .anyMatch(l -> l.startsWith("postern corpus-test: scanned 2 messages again (speed pass 2 of 2) in "));
    }
}
