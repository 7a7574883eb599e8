package dev.postern.score.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postern.score.Action;
import dev.postern.score.TestData;
import dev.postern.score.composite.RemovalPolicy;

class ConfigParserTest {

    @Test
    void theShippedDefaultLoadsWithEveryRuleSymbolDeclared() {
        ScoringConfig config = ScoringConfig.defaults();
        assertThat(config.thresholds()).containsEntry(Action.GREYLIST, 4.0).containsEntry(Action.ADD_HEADER, 6.0)
            .containsEntry(Action.REJECT, 15.0);
        assertThat(config.settingsFor(Optional.empty()).threshold(Action.REWRITE_SUBJECT)).isEmpty();
        assertThat(config.symbols()).containsKeys("R_SPF_ALLOW", "R_DKIM_REJECT", "DMARC_POLICY_QUARANTINE", "MISSING_DATE",
            "INVALID_DATE", "MISSING_MID", "INVALID_MSGID", "FROM_NEQ_ENVFROM", "FORGED_RECEIVED", "MIME_BAD", "MIME_HTML_ONLY",
            "SUBJ_ALL_CAPS", "SUBJ_EXCESS_BASE64", "MIME_BAD_EXTENSION", "GTUBE", "TAG_LEAK", "RATELIMITED", "GREYLIST",
            "BAYES_SPAM", "BAYES_HAM", "AUTH_NA", "SENDER_REP_SPAM", "SENDER_REP_HAM", "SPF_REPUTATION_SPAM", "SPF_REPUTATION_HAM",
            "DKIM_REPUTATION_SPAM", "DKIM_REPUTATION_HAM");
        assertThat(config.rules().reputation()).isEqualTo(ReputationSettings.DEFAULT);
        assertThat(config.rules().rbl()).as("no blocklist enabled by default").isEmpty();
        assertThat(config.rules().uribl()).isEmpty();
        assertThat(config.rules().bayes().minLearns()).isEqualTo(200);
        assertThat(config.rules().badExtensions()).contains("exe", "js", "scr");
        assertThat(config.composites()).extracting(c -> c.name()).contains("AUTH_NA", "AUTH_ALL_FAIL");
    }

    @Test
    void readsEverySection() {
        ScoringConfig config = TestData.config("test-scoring.xml");
        assertThat(config.thresholds()).containsEntry(Action.REWRITE_SUBJECT, 8.0).doesNotContainKey(Action.SOFT_REJECT);
        assertThat(config.symbols().get("RBL_TEST").weight()).isEqualTo(4.5);
        assertThat(config.composites()).singleElement().satisfies(c -> {
            assertThat(c.policy()).isEqualTo(RemovalPolicy.REMOVE_WEIGHT);
            assertThat(c.expression().toString()).isEqualTo("((R_SPF_FAIL & R_DKIM_REJECT) & DMARC_POLICY_REJECT)");
        });
        assertThat(config.symbols().get("AUTH_ALL_FAIL").weight()).isEqualTo(6.0);
        RuleSettings rules = config.rules();
        assertThat(rules.bayes().minLearns()).isEqualTo(3);
        assertThat(rules.greylist().delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rules.rbl()).containsExactly(new DnsListZone("RBL_TEST", "rbl.test.example"));
        assertThat(rules.rateLimits()).containsExactly(new RateLimit(RateLimit.Bucket.IP, 2, Duration.ofHours(1)));
        assertThat(rules.badExtensions()).containsExactlyInAnyOrder("exe", "js");
    }

    @Test
    void domainThenUserOverridesApply() {
        ScoringConfig config = TestData.config("test-scoring.xml");
        Settings global = config.settingsFor(Optional.empty());
        Settings domain = config.settingsFor(Optional.of("dave@Strict.Example"));
        Settings user = config.settingsFor(Optional.of("carol@strict.example"));
        assertThat(global.weight("MISSING_MID")).isEqualTo(2.5);
        assertThat(domain.weight("MISSING_MID")).isEqualTo(5.0);
        assertThat(user.weight("MISSING_MID")).isEqualTo(0.5);
        assertThat(global.actionFor(3.5)).isEqualTo(Action.NO_ACTION);
        assertThat(domain.actionFor(3.5)).isEqualTo(Action.ADD_HEADER);
        assertThat(user.actionFor(3.5)).as("user disabled add_header").isEqualTo(Action.NO_ACTION);
        assertThat(user.actionFor(7)).isEqualTo(Action.GREYLIST);
        assertThat(user.senders().blocks("x@spammer.example")).as("global list still applies").isTrue();
        assertThat(user.senders().allows("friend@example.com")).isTrue();
        assertThat(domain.senders().allows("friend@example.com")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad-weight.xml|bad-weight.xml line 4, <symbol>: weight=\"heavy\" is not a number; write a decimal such as 1.5",
        "unknown-element.xml|unknown-element.xml line 5, <thresholds>: unknown element inside <scoring>; allowed here: actions, symbols",
        "composite-unknown-symbol.xml|composite-unknown-symbol.xml line 6, <composite>: composite 'C' uses 'TYPO', which is not a declared symbol",
        "composite-syntax.xml|composite-syntax.xml line 7, <composite>: composite expression '(A & B' at character 7: missing ')'",
        "malformed.xml|malformed.xml line 3: not well-formed XML",
        "bad-duration.xml|bad-duration.xml line 3, <greylist>: delay=\"five minutes\" is not a duration; write 30s, 5m, 2h, 1d",
        "unknown-action.xml|unknown-action.xml line 3, <action>: unknown action 'quarantine'; use greylist, add_header",
        "override-undeclared.xml|override-undeclared.xml line 7, <symbol>: 'B' is not a declared symbol",
        "doctype.xml|doctype.xml line 2: not well-formed XML"})
    void errorsNameTheLineTheElementAndTheFix(String file, String message) {
        assertThatThrownBy(() -> TestData.config(file)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void readsTheReputationRuleAndChecksItsSampleCounts() throws Exception {
        assertThat(parse("<scoring><rules><reputation min-samples=\"3\" max-samples=\"20\" expiry=\"2d\" ipv4-prefix=\"32\"/></rules></scoring>")
            .rules().reputation()).isEqualTo(new ReputationSettings(true, 3, 20, Duration.ofDays(2), 32, 64));
        assertThat(parse("<scoring><rules><reputation enabled=\"false\"/></rules></scoring>").rules().reputation().enabled()).isFalse();
        assertThatThrownBy(() -> parse("<scoring><rules><reputation min-samples=\"0\"/></rules></scoring>"))
            .hasMessageContaining("line 1, <reputation>: min-samples must be at least 1");
        assertThatThrownBy(() -> parse("<scoring><rules><reputation min-samples=\"10\" max-samples=\"5\"/></rules></scoring>"))
            .hasMessageContaining("max-samples (5) must be at least min-samples (10)");
        assertThatThrownBy(() -> parse("<scoring><rules><reputation max-samples=\"1001\"/></rules></scoring>"))
            .hasMessageContaining("max-samples must be at most 1000");
        assertThatThrownBy(() -> parse("<scoring><rules><reputation ipv6-prefix=\"129\"/></rules></scoring>"))
            .hasMessageContaining("ipv6-prefix must be between 0 and 128");
    }

    @Test
    void moreErrors() {
        assertThatThrownBy(() -> parse("<scoring><rules><rbl symbol=\"NOPE\" zone=\"x.example\"/></rules></scoring>"))
            .hasMessageContaining("line 1, <rbl>: symbol 'NOPE' is not declared");
        assertThatThrownBy(() -> parse("<scoring><rules><rbl symbol=\"A\" zone=\"not a zone\"/></rules></scoring>"))
            .hasMessageContaining("is not a domain name");
        assertThatThrownBy(() -> parse("<scoring><rules><ratelimit bucket=\"planet\" count=\"1\" period=\"1h\"/></rules></scoring>"))
            .hasMessageContaining("unknown bucket 'planet'; use sender, ip or user");
        assertThatThrownBy(() -> parse("<scoring><rules><bayes min-learns=\"0\"/></rules></scoring>"))
            .hasMessageContaining("min-learns must be at least 1");
        assertThatThrownBy(() -> parse("<scoring><user name=\"alice\"/></scoring>"))
            .hasMessageContaining("is not an address");
        assertThatThrownBy(() -> parse("<config/>")).hasMessageContaining("the root element must be <scoring>");
        assertThatThrownBy(() -> parse("<scoring><symbols><symbol name=\"A\" weight=\"1\"/><symbol name=\"A\" weight=\"2\"/></symbols></scoring>"))
            .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> parse("<scoring><composites><composite name=\"C\" weight=\"1\" policy=\"erase\">C</composite></composites></scoring>"))
            .hasMessageContaining("unknown policy 'erase'");
    }

    @Test
    void thresholdsFollowRspamdSemantics() {
        ScoringConfig config = TestData.config("test-scoring.xml");
        Settings settings = config.settingsFor(Optional.empty());
        assertThat(settings.actionFor(-5)).isEqualTo(Action.NO_ACTION);
        assertThat(settings.actionFor(3.99)).isEqualTo(Action.NO_ACTION);
        assertThat(settings.actionFor(4)).isEqualTo(Action.GREYLIST);
        assertThat(settings.actionFor(6)).isEqualTo(Action.ADD_HEADER);
        assertThat(settings.actionFor(8)).isEqualTo(Action.REWRITE_SUBJECT);
        assertThat(settings.actionFor(14.9)).as("soft_reject has no threshold").isEqualTo(Action.REWRITE_SUBJECT);
        assertThat(settings.actionFor(15)).isEqualTo(Action.REJECT);
        assertThat(settings.requiredScore()).isEqualTo(15.0);
    }

    private static ScoringConfig parse(String xml) throws Exception {
        return ConfigParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "inline.xml");
    }
}
