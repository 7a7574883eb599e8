package dev.postern.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postern.dmarc.Policy;
import dev.postern.dns.StaticResolver;
import dev.postern.inbound.Decision.Action;
import dev.postern.spf.SpfVerdict;

class MessageAuthenticatorTest {

    static final InetAddress CLIENT = address("192.0.2.10");

    /** TXT records by name; names in {@code failing} time out; everything else does not exist. */
    private final StaticResolver zones = new StaticResolver()
        .txt("reject.example", "v=spf1 -all").txt("_dmarc.reject.example", "v=DMARC1; p=reject")
        .txt("sampled.example", "v=spf1 -all").txt("_dmarc.sampled.example", "v=DMARC1; p=reject; pct=0")
        .txt("quarantine.example", "v=spf1 -all").txt("_dmarc.quarantine.example", "v=DMARC1; p=quarantine")
        .txt("lists.example", "v=spf1 ip4:192.0.2.10 -all");

    private AuthenticationOutcome check(InboundPolicy policy, String mailFrom, String from) {
        MessageAuthenticator authenticator = new MessageAuthenticator(zones, policy);
        SpfVerdict spf = authenticator.spf(CLIENT, mailFrom, "mail.sender.example");
        byte[] message = ("From: " + from + "\r\nTo: me@example.org\r\nSubject: s\r\n\r\nhi\r\n").getBytes(StandardCharsets.UTF_8);
        return authenticator.message(spf, message);
    }

    private static InboundPolicy policy(String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put(InboundPolicy.AUTHSERV_ID, "mx.example.org");
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return InboundPolicy.read(settings::get);
    }

    @Test
    void rejectPolicyFailureIsRefusedWith550AndAReason() {
        AuthenticationOutcome outcome = check(policy(), "ceo@reject.example", "ceo@reject.example");

        assertThat(outcome.decision().action()).isEqualTo(Action.REJECT);
        assertThat(outcome.decision().reply()).contains("550");
        assertThat(outcome.decision().text().orElseThrow()).startsWith("5.7.1 DMARC policy of reject.example is reject");
        assertThat(outcome.authenticationResults())
            .startsWith("mx.example.org; spf=fail smtp.mailfrom=ceo@reject.example; dkim=none; dmarc=fail (p=reject dis=reject)");
    }

    @Test
    void pctSamplingAppliesTheNextLowerPolicy() {
        AuthenticationOutcome outcome = check(policy(), "x@sampled.example", "x@sampled.example");

        assertThat(outcome.dmarc().sampledOut()).isTrue();
        assertThat(outcome.disposition()).isEqualTo(Policy.QUARANTINE);
        assertThat(outcome.decision().action()).isEqualTo(Action.QUARANTINE);
        assertThat(outcome.attributes()).containsEntry(AuthenticationAttributes.DMARC_DISPOSITION, "quarantine")
            .containsEntry(AuthenticationAttributes.DMARC_POLICY, "reject");
    }

    @Test
    void aDnsFailureIsNeverAFailureToEnforce() {
        zones.failing("reject.example");

        AuthenticationOutcome accepted = check(policy(), "ceo@reject.example", "ceo@reject.example");
        assertThat(accepted.spf().result().keyword()).isEqualTo("temperror");
        assertThat(accepted.decision().action()).isEqualTo(Action.ACCEPT);
        assertThat(accepted.disposition()).isEqualTo(Policy.NONE);
        assertThat(accepted.override()).hasValueSatisfying(reason -> assertThat(reason).contains("DNS"));

        AuthenticationOutcome deferred = check(policy(InboundPolicy.TEMPERROR, "defer"), "ceo@reject.example", "ceo@reject.example");
        assertThat(deferred.decision().action()).isEqualTo(Action.DEFER);
        assertThat(deferred.decision().reply()).contains("451");
        assertThat(deferred.decision().text().orElseThrow()).startsWith("4.7.");
    }

    @Test
    void deferOnTemperrorAnswersMailFromWith451() {
        zones.failing("reject.example");
        MessageAuthenticator authenticator = new MessageAuthenticator(zones, policy(InboundPolicy.TEMPERROR, "defer"));

        Decision decision = authenticator.atMailFrom(authenticator.spf(CLIENT, "ceo@reject.example", "h.example"));

        assertThat(decision.action()).isEqualTo(Action.DEFER);
        assertThat(decision.text().orElseThrow()).startsWith("4.7.24");
    }

    @Test
    void spfFailIsLeftToDmarcUnlessConfigured() {
        MessageAuthenticator lenient = new MessageAuthenticator(zones, policy());
        MessageAuthenticator strict = new MessageAuthenticator(zones, policy(InboundPolicy.SPF_REJECT_FAIL, "true"));

        assertThat(lenient.atMailFrom(lenient.spf(CLIENT, "a@reject.example", "h")).action()).isEqualTo(Action.ACCEPT);
        Decision refused = strict.atMailFrom(strict.spf(CLIENT, "a@reject.example", "h"));
        assertThat(refused.action()).isEqualTo(Action.REJECT);
        assertThat(refused.text().orElseThrow()).startsWith("5.7.23");
    }

    @Test
    void trustedForwardersByAddressOrAuthenticatedDomainAreNotEnforced() {
        AuthenticationOutcome byAddress = check(policy(InboundPolicy.TRUSTED_FORWARDERS, "192.0.2.0/24"), "ceo@reject.example", "ceo@reject.example");
        assertThat(byAddress.decision().action()).isEqualTo(Action.ACCEPT);
        assertThat(byAddress.attributes()).containsEntry(AuthenticationAttributes.DMARC_RESULT, "fail")
            .containsEntry(AuthenticationAttributes.DMARC_DISPOSITION, "none")
            .containsKey(AuthenticationAttributes.DMARC_OVERRIDE);

        AuthenticationOutcome byDomain = check(policy(InboundPolicy.TRUSTED_FORWARDERS, "lists.example"),
            "bounces@lists.example", "ceo@reject.example");
        assertThat(byDomain.decision().action()).isEqualTo(Action.ACCEPT);
        assertThat(byDomain.authenticationResults()).contains("dis=none");

        // The same list domain claimed without SPF passing for it: no override.
        AuthenticationOutcome claimed = check(policy(InboundPolicy.TRUSTED_FORWARDERS, "lists.example"),
            "ceo@reject.example", "ceo@reject.example");
        assertThat(claimed.decision().action()).isEqualTo(Action.REJECT);
    }

    @Test
    void heloIsCheckedBesidesMailFromAndRecorded() {
        zones.txt("mta.lists.example", "v=spf1 ip4:192.0.2.10 -all").txt("bad-helo.example", "v=spf1 -all");
        MessageAuthenticator authenticator = new MessageAuthenticator(zones, policy(InboundPolicy.SPF_REJECT_FAIL, "true"));
        SpfVerdict mailFrom = authenticator.spf(CLIENT, "x@quarantine.example", "mta.lists.example");
        java.util.Optional<SpfVerdict> helo = authenticator.helo(CLIENT, "x@quarantine.example", "mta.lists.example");

        assertThat(helo).hasValueSatisfying(verdict -> assertThat(verdict.result().keyword()).isEqualTo("pass"));
        assertThat(authenticator.helo(CLIENT, "", "mta.lists.example")).as("null reverse-path: spf() checked HELO").isEmpty();
        assertThat(authenticator.helo(CLIENT, "x@quarantine.example", "[192.0.2.10]")).isEmpty();
        byte[] message = "From: x@quarantine.example\r\n\r\nhi\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(authenticator.message(mailFrom, helo, message).authenticationResults())
            .contains("spf=fail smtp.mailfrom=x@quarantine.example; spf=pass smtp.helo=mta.lists.example; dkim=none");
        assertThat(authenticator.atMailFrom(authenticator.helo(CLIENT, "x@lists.example", "bad-helo.example").orElseThrow()).action())
            .isEqualTo(Action.REJECT);
    }

    @Test
    void quarantineIsDeliveredForJunk() {
        assertThat(check(policy(), "n@quarantine.example", "n@quarantine.example").decision().action()).isEqualTo(Action.QUARANTINE);
    }

    @Test
    void settingsErrorsNameTheKeyAndTheFix() {
        assertThatThrownBy(() -> policy(InboundPolicy.TEMPERROR, "retry"))
            .hasMessageContaining("authentication.temperror: 'retry' must be accept").hasMessageContaining("defer");
        assertThatThrownBy(() -> policy(InboundPolicy.TRUSTED_NETWORKS, "10.0.0.0/33"))
            .hasMessageContaining("authentication.trusted-networks: '10.0.0.0/33': the prefix length must be 0 to 32");
        assertThatThrownBy(() -> policy(InboundPolicy.TRUSTED_FORWARDERS, "not a domain!"))
            .hasMessageContaining("authentication.trusted-forwarders");
    }

    @Test
    void trustedNetworksAreEmptyByDefaultAndMatchMappedAddresses() throws Exception {
        assertThat(InboundPolicy.defaults().checks(address("127.0.0.1"), false)).isTrue();
        assertThat(InboundPolicy.defaults().checks(address("127.0.0.1"), true)).isFalse();
        InboundPolicy trusting = policy(InboundPolicy.TRUSTED_NETWORKS, "127.0.0.0/8, 2001:db8::/32");
        assertThat(trusting.checks(address("127.0.0.2"), false)).isFalse();
        assertThat(trusting.checks(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1}), false)).isFalse();
        assertThat(trusting.checks(address("2001:db8::5"), false)).isFalse();
        assertThat(trusting.checks(address("192.0.2.1"), false)).isTrue();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
