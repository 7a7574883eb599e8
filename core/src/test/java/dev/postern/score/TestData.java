package dev.postern.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

import dev.postern.score.config.ConfigParser;
import dev.postern.score.config.ScoringConfig;
import dev.postern.score.message.MessageParser;
import dev.postern.score.message.ScannedMessage;
import dev.postern.score.rules.RuleInput;

/** The test files under src/test/resources/score/, and small helpers around them. */
public final class TestData {

    /** The instant every test scan happens at unless a test moves its clock. */
    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private TestData() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = TestData.class.getResourceAsStream("/score/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test file score/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message of score/messages/. */
    public static ScannedMessage message(String name) {
        return MessageParser.parse(bytes("messages/" + name));
    }

    /** A configuration of score/config/. */
    public static ScoringConfig config(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/score/config/" + name)) {
            return ConfigParser.parse(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a rule gets for {@code message} in {@code context}, with the default settings. */
    public static RuleInput input(ScannedMessage message, ScanContext context) {
        Optional<String> recipient = context.recipients().size() == 1 ? Optional.of(context.recipients().get(0)) : Optional.empty();
        return new RuleInput(message, context, ScoringConfig.defaults().settingsFor(recipient), recipient, NOW);
    }

    public static RuleInput input(String messageName) {
        return input(message(messageName), ScanContext.ofRecipients("bob@example.org"));
    }
}
