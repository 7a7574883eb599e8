package dev.postern.score.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postern.score.Action;
import dev.postern.score.AuthResults;
import dev.postern.score.ScanContext;
import dev.postern.score.TestData;
import dev.postern.score.config.GreylistSettings;
import dev.postern.score.config.RateLimit;
import dev.postern.score.config.ScoringConfig;
import dev.postern.score.message.ScannedMessage;
import dev.postern.score.store.InMemoryGreylistStore;
import dev.postern.score.store.InMemoryRateLimitStore;
import dev.postern.score.store.InMemoryTagSeenStore;

class StatefulRulesTest {

    private static final ScannedMessage TAGGED = TestData.message("tagged.eml");

    private static RuleInput tagged(String envelopeSender) {
        return TestData.input(TAGGED, ScanContext.ofRecipients("Bob+Shop@example.org").withEnvelopeSender(envelopeSender));
    }

    @Test
    void theFirstDomainOwnsATagAndOthersLeak() {
        TagLeakRule rule = new TagLeakRule(new InMemoryTagSeenStore(), "+");
        assertThat(rule.check(tagged("orders@shop.example"))).isEmpty();
        assertThat(rule.check(tagged("news@mail.shop.example"))).as("a subdomain of the owner").isEmpty();
        assertThat(rule.check(tagged("promo@spam.example")))
            .singleElement().satisfies(hit -> {
                assertThat(hit.symbol()).isEqualTo("TAG_LEAK");
                assertThat(hit.options()).containsExactly("Bob+Shop@example.org", "spam.example");
            });
        assertThat(rule.check(tagged("promo@spam.example"))).as("leakers are not recorded as owners").hasSize(1);
    }

    @Test
    void untaggedRecipientsAndUnknownSendersAreIgnored() {
        TagLeakRule rule = new TagLeakRule(new InMemoryTagSeenStore(), "+");
        ScannedMessage noFrom = TestData.message("missing-headers.eml");
        assertThat(rule.check(TestData.input(noFrom, ScanContext.ofRecipients("bob+x@example.org")))).isEmpty();
        assertThat(rule.check(TestData.input(TAGGED, ScanContext.ofRecipients("bob@example.org").withEnvelopeSender("a@b.example")))).isEmpty();
    }

    @Test
    void rateLimitSoftRejectsBeyondTheCountUntilTheNextWindow() throws Exception {
        RateLimitRule rule = new RateLimitRule(new InMemoryRateLimitStore(), List.of(new RateLimit(RateLimit.Bucket.IP, 2, Duration.ofHours(1))));
        ScanContext context = ScanContext.ofRecipients("bob@example.org").withClientIp(InetAddress.getByName("203.0.113.9"));
        RuleInput input = TestData.input(TestData.message("clean.eml"), context);
        assertThat(rule.check(input)).isEmpty();
        assertThat(rule.check(input)).isEmpty();
        assertThat(rule.check(input)).singleElement().satisfies(hit -> {
            assertThat(hit.symbol()).isEqualTo("RATELIMITED");
            assertThat(hit.forcedAction()).contains(Action.SOFT_REJECT);
            assertThat(hit.options()).containsExactly("ip:203.0.113.9", "3>2/PT1H");
        });
        RuleInput nextHour = new RuleInput(input.message(), context, input.settings(), input.recipient(), input.now().plus(Duration.ofHours(1)));
        assertThat(rule.check(nextHour)).isEmpty();
    }

    @Test
    void rateLimitsBySenderSkipBouncesAndByUserNeedAuthentication() {
        RateLimitRule rule = new RateLimitRule(new InMemoryRateLimitStore(), List.of(
            new RateLimit(RateLimit.Bucket.SENDER, 1, Duration.ofMinutes(1)), new RateLimit(RateLimit.Bucket.USER, 1, Duration.ofMinutes(1))));
        RuleInput bounce = TestData.input(TestData.message("clean.eml"), ScanContext.ofRecipients("bob@example.org"));
        assertThat(rule.check(bounce)).isEmpty();
        assertThat(rule.check(bounce)).isEmpty();
        RuleInput user = TestData.input(TestData.message("clean.eml"), ScanContext.ofRecipients("bob@example.org").withAuthenticatedUser("alice"));
        assertThat(rule.check(user)).isEmpty();
        assertThat(rule.check(user)).extracting(Hit::symbol).containsExactly("RATELIMITED");
    }

    @Test
    void greylistingDefersTheFirstAttemptAndPassesTheRetryAfterTheDelay() throws Exception {
        Greylisting greylisting = new Greylisting(new InMemoryGreylistStore(), GreylistSettings.DEFAULT);
        ScanContext context = ScanContext.ofRecipients("bob@example.org").withEnvelopeSender("a@sender.example")
            .withClientIp(InetAddress.getByName("203.0.113.9"));
        RuleInput first = TestData.input(TestData.message("clean.eml"), context);
        assertThat(greylisting.check(first, Action.GREYLIST)).hasValueSatisfying(hit -> {
            assertThat(hit.symbol()).isEqualTo("GREYLIST");
            assertThat(hit.forcedAction()).contains(Action.GREYLIST);
        });
        RuleInput tooSoon = at(first, TestData.NOW.plus(Duration.ofMinutes(4)), context.withClientIp(InetAddress.getByName("203.0.113.77")));
        assertThat(greylisting.check(tooSoon, Action.GREYLIST)).map(Hit::symbol).as("same /24").contains("GREYLIST");
        RuleInput retry = at(first, TestData.NOW.plus(Duration.ofMinutes(6)), context);
        assertThat(greylisting.check(retry, Action.GREYLIST)).hasValueSatisfying(hit -> {
            assertThat(hit.symbol()).isEqualTo("GREYLIST_PASSED");
            assertThat(hit.forcedAction()).contains(Action.NO_ACTION);
        });
        RuleInput afterExpiry = at(first, TestData.NOW.plus(Duration.ofDays(3)), context);
        assertThat(greylisting.check(afterExpiry, Action.GREYLIST)).map(Hit::symbol).contains("GREYLIST");
    }

    @Test
    void greylistingAppliesOnlyToTheGreylistActionOfUnauthenticatedClients() throws Exception {
        Greylisting greylisting = new Greylisting(new InMemoryGreylistStore(), GreylistSettings.DEFAULT);
        ScanContext context = ScanContext.ofRecipients("bob@example.org").withClientIp(InetAddress.getByName("203.0.113.9"));
        RuleInput input = TestData.input(TestData.message("clean.eml"), context);
        assertThat(greylisting.check(input, Action.NO_ACTION)).isEmpty();
        assertThat(greylisting.check(input, Action.ADD_HEADER)).isEmpty();
        assertThat(greylisting.check(TestData.input(TestData.message("clean.eml"), context.withAuthenticatedUser("bob")), Action.GREYLIST)).isEmpty();
        assertThat(greylisting.check(TestData.input("clean.eml"), Action.GREYLIST)).as("no client address").isEmpty();
    }

    @Test
    void greylistNetworks() throws Exception {
        Greylisting greylisting = new Greylisting(new InMemoryGreylistStore(), GreylistSettings.DEFAULT);
        assertThat(greylisting.network(InetAddress.getByName("203.0.113.77"))).isEqualTo("203.0.113.0/24");
        assertThat(greylisting.network(InetAddress.getByName("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void blockListsApplyAlwaysAllowListsOnlyToAuthenticatedSenders() {
        ScoringConfig config = TestData.config("test-scoring.xml");
        ScanContext toCarol = ScanContext.ofRecipients("carol@strict.example").withEnvelopeSender("friend@example.com");
        RuleInput unauthenticated = new RuleInput(TestData.message("clean.eml"), toCarol,
            config.settingsFor(Optional.of("carol@strict.example")), Optional.of("carol@strict.example"), TestData.NOW);
        assertThat(new SenderListRule().check(unauthenticated)).isEmpty();
        RuleInput authenticated = new RuleInput(TestData.message("clean.eml"), toCarol.withAuth(AuthResults.of("pass", null, null, null)),
            unauthenticated.settings(), unauthenticated.recipient(), TestData.NOW);
        assertThat(new SenderListRule().check(authenticated)).extracting(Hit::symbol).containsExactly("SENDER_ALLOWLIST");
        RuleInput blocked = new RuleInput(TestData.message("clean.eml"),
            ScanContext.ofRecipients("bob@example.org").withEnvelopeSender("x@mail.spammer.example"),
            config.settingsFor(Optional.empty()), Optional.empty(), TestData.NOW);
        assertThat(new SenderListRule().check(blocked)).extracting(Hit::symbol).containsExactly("SENDER_BLOCKLIST");
    }

    private static RuleInput at(RuleInput input, Instant when, ScanContext context) {
        return new RuleInput(input.message(), context, input.settings(), input.recipient(), when);
    }
}
