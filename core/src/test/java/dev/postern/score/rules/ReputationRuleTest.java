package dev.postern.score.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postern.score.Action;
import dev.postern.score.AuthResults;
import dev.postern.score.ScanContext;
import dev.postern.score.TestData;
import dev.postern.score.bayes.Verdict;
import dev.postern.score.config.ReputationSettings;
import dev.postern.score.message.MessageParser;
import dev.postern.score.message.ScannedMessage;
import dev.postern.score.store.InMemoryReputationStore;
import dev.postern.score.store.ReputationStore;

class ReputationRuleTest {

    private static final ScannedMessage CLEAN = TestData.message("clean.eml"); // From: alice@example.com
    private static final ReputationSettings MIN_3 = new ReputationSettings(true, 3, 100, Duration.ofDays(10), 24, 64);

    private final ReputationStore store = new InMemoryReputationStore();
    private final ReputationRule rule = new ReputationRule(store, MIN_3);
    private int messages;

    private static ScanContext from(String ip, String envelopeSender, String recipient, AuthResults auth) throws Exception {
        return ScanContext.ofRecipients(recipient).withClientIp(InetAddress.getByName(ip)).withEnvelopeSender(envelopeSender).withAuth(auth);
    }

    private static AuthResults spf(String result) {
        return AuthResults.of(result, "none", "none", "none");
    }

    /** Records {@code count} new messages (each to another recipient, so each is another message) with {@code action}. */
    private void record(int count, Action action, String ip, String envelopeSender, AuthResults auth) throws Exception {
        for (int i = 0; i < count; i++) {
            rule.record(TestData.input(CLEAN, from(ip, envelopeSender, "user" + messages++ + "@example.org", auth)), action, 1.0);
        }
    }

    @Test
    void anIdentityScoresOnceItHasEnoughSamples() throws Exception {
        AuthResults pass = spf("pass");
        record(2, Action.REJECT, "192.0.2.10", "news@bad.example", pass);
        assertThat(rule.check(TestData.input(CLEAN, from("192.0.2.10", "news@bad.example", "bob@example.org", pass))))
            .as("two samples are fewer than min-samples").isEmpty();

        record(1, Action.ADD_HEADER, "192.0.2.10", "news@bad.example", pass);
        List<Hit> hits = rule.check(TestData.input(CLEAN, from("192.0.2.77", "news@bad.example", "bob@example.org", pass)));

        assertThat(hits).extracting(Hit::symbol).containsExactly("SENDER_REP_SPAM", "SPF_REPUTATION_SPAM");
        assertThat(hits.get(0).options()).as("judged by /24").containsExactly("192.0.2.0/24", "3 spam of 3");
        assertThat(hits.get(1).options()).containsExactly("bad.example", "3 spam of 3");
        assertThat(hits.get(1).factor()).isEqualTo(1.0);
    }

    @Test
    void theShareOfSpamGivesTheCertainty() throws Exception {
        AuthResults pass = spf("pass");
        record(3, Action.NO_ACTION, "198.51.100.1", "a@mixed.example", pass);
        record(1, Action.REJECT, "198.51.100.1", "a@mixed.example", pass);
        List<Hit> hits = rule.check(TestData.input(CLEAN, from("198.51.100.1", "a@mixed.example", "bob@example.org", pass)));
        assertThat(hits).extracting(Hit::symbol).containsExactly("SENDER_REP_HAM", "SPF_REPUTATION_HAM");
        assertThat(hits.get(1).factor()).as("1 spam of 4: 2 * 0.25 - 1 = -0.5").isCloseTo(0.5, within(1e-9));

        record(2, Action.REJECT, "198.51.100.1", "a@mixed.example", pass);
        assertThat(rule.check(TestData.input(CLEAN, from("198.51.100.1", "a@mixed.example", "bob@example.org", pass))))
            .as("3 spam of 6: no opinion").isEmpty();
    }

    @Test
    void greylistedScansAreNotSamples() throws Exception {
        record(5, Action.GREYLIST, "203.0.113.5", "a@grey.example", spf("pass"));
        assertThat(store.recent(List.of("ip:203.0.113.0/24", "spf:grey.example"), TestData.NOW, 10).values()).allSatisfy(samples -> assertThat(samples).isEmpty());
        assertThat(ReputationRule.verdictOf(Action.NO_ACTION)).contains(Verdict.HAM);
        assertThat(ReputationRule.verdictOf(Action.SOFT_REJECT)).contains(Verdict.SPAM);
    }

    @Test
    void forgedSendersNeitherUseNorSpoilADomain() throws Exception {
        record(5, Action.REJECT, "203.0.113.66", "ceo@victim.example", spf("fail"));
        assertThat(store.recent(List.of("spf:victim.example"), TestData.NOW, 10).get("spf:victim.example")).isEmpty();

        record(5, Action.NO_ACTION, "198.51.100.20", "ceo@victim.example", spf("pass"));
        List<Hit> forged = rule.check(TestData.input(CLEAN, from("203.0.113.66", "ceo@victim.example", "bob@example.org", spf("softfail"))));
        assertThat(forged).extracting(Hit::symbol).containsExactly("SENDER_REP_SPAM");
    }

    @Test
    void theFromDomainCountsWhenAnAlignedSignatureVerified() throws Exception {
        AuthResults aligned = AuthResults.of("none", "pass", "pass", "none").withDkimPassDomains(List.of("mail.example.com"));
        AuthResults unaligned = AuthResults.of("none", "pass", "fail", "none").withDkimPassDomains(List.of("esp.example"));
        RuleInput alignedInput = TestData.input(CLEAN, from("192.0.2.10", "", "bob@example.org", aligned));
        RuleInput unalignedInput = TestData.input(CLEAN, from("192.0.2.10", "", "bob@example.org", unaligned));

        assertThat(SenderIdentity.of(alignedInput, MIN_3)).extracting(SenderIdentity::key)
            .containsExactly("ip:192.0.2.0/24", "dkim:example.com");
        assertThat(SenderIdentity.of(unalignedInput, MIN_3)).extracting(SenderIdentity::key).containsExactly("ip:192.0.2.0/24");
    }

    @Test
    void authenticatedUsersAndLocalMailHaveNoIdentity() throws Exception {
        ScanContext user = from("192.0.2.10", "me@example.org", "bob@example.org", spf("pass")).withAuthenticatedUser("me@example.org");
        assertThat(SenderIdentity.of(TestData.input(CLEAN, user), MIN_3)).isEmpty();
        assertThat(SenderIdentity.of(TestData.input(CLEAN, ScanContext.ofRecipients("bob@example.org")), MIN_3)).isEmpty();
    }

    @Test
    void exactAddressesWithPrefix32And128() throws Exception {
        ReputationSettings exact = new ReputationSettings(true, 3, 100, Duration.ofDays(10), 32, 128);
        assertThat(SenderIdentity.of(TestData.input(CLEAN, from("192.0.2.10", "", "b@example.org", AuthResults.NONE)), exact))
            .extracting(SenderIdentity::key).containsExactly("ip:192.0.2.10/32");
        assertThat(SenderIdentity.of(TestData.input(CLEAN, from("2001:db8::1:5", "", "b@example.org", AuthResults.NONE)), MIN_3))
            .extracting(SenderIdentity::key).containsExactly("ip:2001:db8:0:0:0:0:0:0/64");
    }

    @Test
    void aRetryIsTheSameMessageAndAnotherRecipientIsAnother() {
        String message = "From: a@shop.example\r\nSubject: hi\r\nMessage-ID: <1@shop.example>\r\n\r\nbody\r\n";
        String retried = "Received: from x by y; Sun, 29 Nov 2026 12:05:00 +0000\r\n" + message;
        ScanContext context = ScanContext.ofRecipients("bob@example.org").withEnvelopeSender("a@shop.example");

        String key = MessageKey.of(parse(message), context);
        assertThat(MessageKey.of(parse(retried), context)).isEqualTo(key);
        assertThat(MessageKey.of(parse(message), ScanContext.ofRecipients("carol@example.org").withEnvelopeSender("a@shop.example"))).isNotEqualTo(key);
        assertThat(MessageKey.of(parse(message.replace("body", "other body")), context)).isNotEqualTo(key);
    }

    private static ScannedMessage parse(String message) {
        return MessageParser.parse(message.getBytes(StandardCharsets.US_ASCII));
    }
}
