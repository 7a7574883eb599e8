package dev.postern.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postern.dns.StaticResolver;
import dev.postern.score.bayes.Verdict;
import dev.postern.score.config.ScoringConfig;
import dev.postern.score.rules.Hit;
import dev.postern.testing.MutableClock;

class ScoringEngineTest {

    private final MutableClock clock = new MutableClock(TestData.NOW);
    private final StaticResolver dns = new StaticResolver();

    private ScoringEngine engine(String config) {
        return ScoringEngine.builder(TestData.config(config)).resolver(dns).clock(clock).build();
    }

    private static ScanContext from(String ip, String recipient) throws Exception {
        return ScanContext.ofRecipients(recipient).withClientIp(InetAddress.getByName(ip)).withEnvelopeSender("alice@example.com")
            .withHelo("mail.example.com");
    }

    @Test
    void aCleanAuthenticatedMessageGetsNoAction() throws Exception {
        ScoringEngine engine = ScoringEngine.builder(ScoringConfig.defaults()).clock(clock).build();
        ScanContext context = from("192.0.2.10", "bob@example.org").withAuth(AuthResults.of("pass", "pass", "pass", "reject"));
        ScanResult result = engine.scan(TestData.bytes("messages/clean.eml"), context);
        assertThat(result.action()).isEqualTo(Action.NO_ACTION);
        assertThat(result.symbols()).extracting(Symbol::name).containsExactly("R_SPF_ALLOW", "R_DKIM_ALLOW", "DMARC_POLICY_ALLOW");
        assertThat(result.score()).isCloseTo(-0.9, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.requiredScore()).isEqualTo(15.0);
        assertThat(result.forcedBy()).isEmpty();
    }

    @Test
    void gtubeRejectsAtOnce() throws Exception {
        ScanResult result = ScoringEngine.builder(ScoringConfig.defaults()).build()
            .scan(TestData.bytes("messages/gtube.eml"), ScanContext.ofRecipients("bob@example.org"));
        assertThat(result.action()).isEqualTo(Action.REJECT);
        assertThat(result.forcedBy()).contains("GTUBE");
        assertThat(result.symbols()).extracting(Symbol::name).containsExactly("GTUBE");
    }

    @Test
    void unauthenticatedMailWithoutHeadersIsScoredByTheDefaultSet() {
        ScanResult result = ScoringEngine.builder(ScoringConfig.defaults()).build()
            .scan(TestData.bytes("messages/missing-headers.eml"), ScanContext.ofRecipients("bob@example.org"));
        assertThat(result.symbols()).extracting(Symbol::name)
            .contains("MISSING_DATE", "MISSING_MID", "MISSING_FROM", "MISSING_SUBJECT", "AUTH_NA");
        assertThat(result.symbol("R_SPF_NA")).map(Symbol::score).contains(0.0);
        assertThat(result.score()).isEqualTo(1.0 + 2.5 + 2.0 + 2.0 + 1.0);
        assertThat(result.action()).isEqualTo(Action.ADD_HEADER);
    }

    @Test
    void compositesReplaceTheirPartsWeights() throws Exception {
        ScanContext context = from("192.0.2.10", "bob@example.org").withAuth(AuthResults.of("fail", "fail", "fail", "reject"));
        ScanResult result = engine("test-scoring.xml").scan(TestData.bytes("messages/clean.eml"), context);
        assertThat(result.symbol("AUTH_ALL_FAIL")).map(Symbol::score).contains(6.0);
        assertThat(result.symbol("R_SPF_FAIL")).map(Symbol::score).contains(0.0);
        assertThat(result.score()).isEqualTo(6.0);
        assertThat(result.action()).isEqualTo(Action.ADD_HEADER);
    }

    @Test
    void dnsBlocklistsCountWhenConfigured() throws Exception {
        dns.address("10.2.0.192.rbl.test.example", "127.0.0.2").address("spamdomain.example.uribl.test.example", "127.0.0.2");
        ScanResult result = engine("test-scoring.xml").scan(TestData.bytes("messages/html-only.eml"), from("192.0.2.10", "bob@example.org"));
        assertThat(result.symbols()).extracting(Symbol::name).contains("RBL_TEST", "URIBL_TEST");
        assertThat(result.score()).isEqualTo(9.5);
        assertThat(result.action()).isEqualTo(Action.REWRITE_SUBJECT);
    }

    @Test
    void blocklistsNeedAResolver() {
        assertThatThrownBy(() -> ScoringEngine.builder(TestData.config("test-scoring.xml")).build())
            .hasMessageContaining("call builder.resolver(...)");
    }

    @Test
    void greylistActionDefersThenPassesTheRetry() throws Exception {
        ScoringEngine engine = engine("test-scoring.xml");
        // MISSING_DATE 1 + MISSING_MID 2.5 + MISSING_FROM 2 = 5.5: between greylist (4) and add_header (6)
        byte[] message = "To: carol@example.org\nSubject: hello\n\nbody\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ScanContext context = ScanContext.ofRecipients("carol@example.org").withClientIp(InetAddress.getByName("192.0.2.11"));
        ScanResult greylisted = engine.scan(message, context);
        assertThat(greylisted.score()).isEqualTo(5.5);
        assertThat(greylisted.action()).isEqualTo(Action.GREYLIST);
        assertThat(greylisted.forcedBy()).contains("GREYLIST");
        // retries come from other hosts of the sender's /24 (the test config limits 2 messages per IP and hour)
        clock.advance(Duration.ofMinutes(4));
        ScanContext sameNetwork = context.withClientIp(InetAddress.getByName("192.0.2.12"));
        assertThat(engine.scan(message, sameNetwork).action()).as("retry too soon").isEqualTo(Action.GREYLIST);
        clock.advance(Duration.ofMinutes(2));
        ScanResult retried = engine.scan(message, context.withClientIp(InetAddress.getByName("192.0.2.13")));
        assertThat(retried.action()).isEqualTo(Action.NO_ACTION);
        assertThat(retried.has("GREYLIST_PASSED")).isTrue();
        assertThat(retried.score()).isEqualTo(5.5);
    }

    @Test
    void rateLimitsForceSoftRejectWhateverTheScore() throws Exception {
        ScoringEngine engine = engine("test-scoring.xml");
        ScanContext context = from("192.0.2.10", "bob@example.org");
        engine.scan(TestData.bytes("messages/clean.eml"), context);
        engine.scan(TestData.bytes("messages/clean.eml"), context);
        ScanResult third = engine.scan(TestData.bytes("messages/clean.eml"), context);
        assertThat(third.action()).isEqualTo(Action.SOFT_REJECT);
        assertThat(third.forcedBy()).contains("RATELIMITED");
    }

    @Test
    void perDomainAndPerUserOverridesChangeTheOutcome() {
        ScoringEngine engine = engine("test-scoring.xml");
        byte[] message = "From: a@b.example\nSubject: hi\nDate: Sun, 29 Nov 2026 10:00:00 +0000\n\nno message id\n".getBytes();
        assertThat(engine.scan(message, ScanContext.ofRecipients("bob@example.org")).action()).isEqualTo(Action.NO_ACTION);
        ScanResult domain = engine.scan(message, ScanContext.ofRecipients("dave@strict.example"));
        assertThat(domain.score()).isEqualTo(5.0);
        assertThat(domain.action()).isEqualTo(Action.ADD_HEADER);
        assertThat(engine.scan(message, ScanContext.ofRecipients("carol@strict.example")).score()).isEqualTo(0.5);
        assertThat(engine.scan(message, ScanContext.ofRecipients("dave@strict.example", "bob@example.org")).score())
            .as("several recipients: global settings").isEqualTo(2.5);
    }

    @Test
    void bayesLearnedThroughTheEngineVotesWithAScaledWeight() {
        ScoringEngine engine = engine("test-scoring.xml");
        for (int i = 1; i <= 3; i++) {
            engine.bayes().learn(TestData.message("../bayes/spam-" + i + ".eml"), Verdict.SPAM, Optional.empty());
            engine.bayes().learn(TestData.message("../bayes/ham-" + i + ".eml"), Verdict.HAM, Optional.empty());
        }
        ScanResult spam = engine.scan(TestData.bytes("bayes/spam-4.eml"), ScanContext.ofRecipients("bob@example.org"));
        assertThat(spam.symbol("BAYES_SPAM")).hasValueSatisfying(symbol -> {
            assertThat(symbol.score()).isGreaterThan(5.0).isLessThanOrEqualTo(6.5);
            assertThat(symbol.options().get(0)).endsWith("%");
        });
        ScanResult ham = engine.scan(TestData.bytes("bayes/ham-4.eml"), ScanContext.ofRecipients("bob@example.org"));
        assertThat(ham.symbol("BAYES_HAM")).map(Symbol::score).hasValueSatisfying(score -> assertThat(score).isLessThan(-2.0));
    }

    @Test
    void aFailingRuleShowsInTheResultInsteadOfLosingTheMail() {
        ScoringEngine engine = ScoringEngine.builder(ScoringConfig.defaults())
            .addRule(input -> { throw new IllegalStateException("boom"); })
            .addRule(input -> List.of(Hit.of("CUSTOM", "x"), Hit.of("CUSTOM", "y")))
            .build();
        ScanResult result = engine.scan(TestData.bytes("messages/clean.eml"), ScanContext.ofRecipients("bob@example.org"));
        assertThat(result.symbol("RULE_ERROR")).hasValueSatisfying(s -> assertThat(s.options().get(0)).contains("boom"));
        assertThat(result.symbol("CUSTOM")).hasValueSatisfying(s -> {
            assertThat(s.options()).containsExactly("x", "y");
            assertThat(s.score()).as("undeclared symbols weigh 0").isEqualTo(0.0);
        });
    }

    @Test
    void tagLeaksAreScored() {
        ScoringEngine engine = engine("test-scoring.xml");
        byte[] message = TestData.bytes("messages/tagged.eml");
        engine.scan(message, ScanContext.ofRecipients("bob+shop@example.org").withEnvelopeSender("orders@shop.example"));
        ScanResult leak = engine.scan(message, ScanContext.ofRecipients("bob+shop@example.org").withEnvelopeSender("x@other.example"));
        assertThat(leak.symbol("TAG_LEAK")).map(Symbol::score).contains(3.0);
    }

    @Test
    void scansTeachTheSendersReputationButNotThroughTheReputationSymbols() throws Exception {
        dev.postern.score.store.InMemoryReputationStore store = new dev.postern.score.store.InMemoryReputationStore();
        ScoringEngine engine = ScoringEngine.builder(ScoringConfig.defaults()).clock(clock).reputationStore(store).build();
        AuthResults spfPass = AuthResults.of("pass", "none", "none", "none");
        for (int i = 0; i < 5; i++) { // min-samples of the defaults; GTUBE is spam
            engine.scan(TestData.bytes("messages/gtube.eml"), from("192.0.2.10", "user" + i + "@example.org")
                .withEnvelopeSender("tester@bad.example").withAuth(spfPass));
        }
        ScanResult next = engine.scan(TestData.bytes("messages/clean.eml"), from("192.0.2.10", "bob@example.org")
            .withEnvelopeSender("tester@bad.example").withAuth(spfPass));

        assertThat(next.symbol("SENDER_REP_SPAM")).hasValueSatisfying(s -> assertThat(s.options()).containsExactly("192.0.2.0/24", "5 spam of 5"));
        assertThat(next.symbol("SPF_REPUTATION_SPAM")).hasValueSatisfying(s -> assertThat(s.score()).isEqualTo(3.0));
        assertThat(store.recent(List.of("spf:bad.example"), clock.instant(), 10).get("spf:bad.example"))
            .as("the clean message is ham: its reputation symbols do not count for its own verdict")
            .filteredOn(sample -> sample.verdict() == Verdict.HAM).singleElement()
            .satisfies(sample -> assertThat(sample.score()).isLessThan(1.0));
    }
}
