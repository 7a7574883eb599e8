package dev.postern.mailets.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postern.dkim.DkimResult;
import dev.postern.dkim.DkimVerifier;
import dev.postern.dkim.SignatureResult;
import dev.postern.dkim.keys.DkimKeyManager;
import dev.postern.dkim.keys.FileDkimKeyStore;
import dev.postern.dns.Resolver;
import dev.postern.dns.StaticResolver;

/** FakeMailContext's only local domain is "localhost": the local sender is me@localhost. */
class DkimSignVerifyTest {

    static final String MESSAGE = "From: Me <me@localhost>\r\nTo: you@remote.example\r\nSubject: hello\r\n"
        + "Message-ID: <1@localhost>\r\nDate: Sun, 29 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello,\r\n  spaces   kept\r\n";

    @TempDir
    Path keysFolder;
    DkimKeyManager keys;
    StaticResolver dns = new StaticResolver().otherwise(Resolver.Lookup.Status.TEMPORARY_FAILURE);
    RecordingMetricFactory metrics = new RecordingMetricFactory();
    DkimSign sign;
    DkimVerify verify;

    @BeforeEach
    void setUp() throws Exception {
        keys = new DkimKeyManager(new FileDkimKeyStore(keysFolder));
        sign = new DkimSign(keys, metrics);
        sign.init(FakeMailetConfig.builder().mailetName("DkimSign").setProperty("networks", "192.0.2.0/24").build());
        verify = new DkimVerify(dns);
        verify.init(FakeMailetConfig.builder().mailetName("DkimVerify").setProperty("authservId", "mx.localhost.test").build());
    }

    private static FakeMail mail(String raw, boolean authenticated, String remoteAddress) throws Exception {
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        FakeMail.Builder builder = FakeMail.builder().name("m").mimeMessage(message).recipients("you@remote.example").remoteAddr(remoteAddress);
        if (authenticated) {
            builder.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("me@localhost")));
        }
        return builder.build();
    }

    private void publishKeys() {
        keys.publishedKeys("localhost").forEach(key -> dns.txt(key.txtName(), key.txtRecord()));
    }

    @Test
    void signsAuthenticatedMailTwiceAndTheSignaturesVerify() throws Exception {
        FakeMail mail = mail(MESSAGE, true, "198.51.100.1");

        sign.service(mail);
        publishKeys();

        byte[] signed = HeaderFields.rawBytes(mail.getMessage());
        List<SignatureResult> results = new DkimVerifier(dns).verify(signed);
        assertThat(results).extracting(SignatureResult::result).containsExactly(DkimResult.PASS, DkimResult.PASS);
        assertThat(results).extracting(SignatureResult::algorithm).containsExactly("rsa-sha256", "ed25519-sha256");
        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: v=1; a=rsa-sha256;").endsWith("  spaces   kept\r\n");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, DkimSign.SIGNATURES, List.class).orElseThrow()).hasSize(2);
    }

    @Test
    void neverSignsTheSameDomainAndSelectorTwice() throws Exception {
        FakeMail mail = mail(MESSAGE, true, "198.51.100.1");

        sign.service(mail);
        sign.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).hasSize(2);
        assertThat(metrics.countFor(DkimSign.SIGNATURES_METRIC)).as("signatures made, not services").isEqualTo(2);
    }

    @Test
    void leavesUnauthenticatedMailAloneUnlessItComesFromAConfiguredNetwork() throws Exception {
        FakeMail stranger = mail(MESSAGE, false, "127.0.0.1");
        FakeMail trusted = mail(MESSAGE, false, "192.0.2.7");

        sign.service(stranger);
        sign.service(trusted);

        assertThat(stranger.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(trusted.getMessage().getHeader("DKIM-Signature")).hasSize(2);
        assertThat(metrics.countFor(DkimSign.SIGNATURES_METRIC)).isEqualTo(2);
    }

    @Test
    void signsMailThatPosternComposedItself() throws Exception {
        FakeMail report = mail(MESSAGE, false, "127.0.0.1");
        report.setAttribute(new Attribute(AttributeName.of(DkimSign.SIGN_REQUEST), AttributeValue.of(true)));

        sign.service(report);

        assertThat(report.getMessage().getHeader("DKIM-Signature")).hasSize(2);
    }

    @Test
    void leavesMailOfOtherDomainsAlone() throws Exception {
        FakeMail mail = mail(MESSAGE.replace("me@localhost", "me@remote.example"), true, "198.51.100.1");

        sign.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
        assertThat(keys.keys("remote.example")).isEmpty();
    }

    @Test
    void aFromThatNamesNoValidDomainIsNotSignedAndNoError() throws Exception {
        // Seen in Pigeonhole's vectors: From: "Frop <frop@example.org>" (one quoted display name).
        FakeMail mail = mail(MESSAGE.replace("From: Me <me@localhost>", "From: \"Frop <frop@example.org>\""), true, "198.51.100.1");

        sign.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void verifyAddsAuthenticationResultsAndAttributesAndDropsForgedResults() throws Exception {
        FakeMail signedMail = mail("Authentication-Results: mx.localhost.test; dkim=pass header.d=forged.example\r\n" + MESSAGE, true, "198.51.100.1");
        sign.service(signedMail);
        publishKeys();
        FakeMail inbound = mail(new String(HeaderFields.rawBytes(signedMail.getMessage()), StandardCharsets.US_ASCII), false, "198.51.100.1");

        verify.service(inbound);

        String[] results = inbound.getMessage().getHeader("Authentication-Results");
        assertThat(results).hasSize(1);
        assertThat(results[0]).startsWith("mx.localhost.test;")
            .contains("dkim=pass header.d=localhost header.i=@localhost header.s=postern-rsa-")
            .contains("header.a=ed25519-sha256")
            .doesNotContain("forged");
        assertThat(AttributeUtils.getValueAndCastFromMail(inbound, DkimVerify.RESULT, String.class)).contains("pass");
        assertThat(AttributeUtils.getValueAndCastFromMail(inbound, DkimVerify.RESULTS, List.class).orElseThrow()).hasSize(2);
        assertThat(new DkimVerifier(dns).verify(HeaderFields.rawBytes(inbound.getMessage())))
            .as("adding Authentication-Results keeps the signatures valid")
            .extracting(SignatureResult::result).containsExactly(DkimResult.PASS, DkimResult.PASS);
    }

    @Test
    void dnsFailureIsTemperrorAndDeliveryGoesOn() throws Exception {
        FakeMail signedMail = mail(MESSAGE, true, "198.51.100.1");
        sign.service(signedMail);
        keys.publishedKeys("localhost").forEach(key -> dns.failing(key.txtName()));
        FakeMail inbound = mail(new String(HeaderFields.rawBytes(signedMail.getMessage()), StandardCharsets.US_ASCII), false, "198.51.100.1");

        verify.service(inbound);

        assertThat(inbound.getMessage().getHeader("Authentication-Results")[0]).contains("dkim=temperror");
        assertThat(AttributeUtils.getValueAndCastFromMail(inbound, DkimVerify.RESULT, String.class)).contains("temperror");
    }

    @Test
    void unsignedMailIsNoneAndAuthenticatedSubmissionsAreNotJudged() throws Exception {
        FakeMail unsigned = mail(MESSAGE, false, "198.51.100.1");
        FakeMail submitted = mail(MESSAGE, true, "198.51.100.1");

        verify.service(unsigned);
        verify.service(submitted);

        assertThat(unsigned.getMessage().getHeader("Authentication-Results")[0]).isEqualTo("mx.localhost.test;\r\n dkim=none");
        assertThat(submitted.getMessage().getHeader("Authentication-Results")).isNull();
    }
}
