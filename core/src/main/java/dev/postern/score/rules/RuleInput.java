package dev.postern.score.rules;

import java.time.Instant;
import java.util.Optional;

import dev.postern.score.ScanContext;
import dev.postern.score.config.Settings;
import dev.postern.score.message.ScannedMessage;

/**
 * What a rule is given: the message, its context, the settings in effect, the recipient the
 * settings were chosen for (empty with several recipients) and the time of the scan.
 */
public record RuleInput(ScannedMessage message, ScanContext context, Settings settings,
                        Optional<String> recipient, Instant now) {
}
