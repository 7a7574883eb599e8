package dev.postern.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.postern.inbound.AuthenticationAttributes;
import dev.postern.inbound.InboundPolicy;

class AddAuthenticationResultsTest {

    private AddAuthenticationResults mailet;

    @BeforeEach
    void setUp() throws Exception {
        mailet = new AddAuthenticationResults(InboundPolicy.read(key -> key.equals(InboundPolicy.AUTHSERV_ID) ? "mx.example.org" : null));
        mailet.init(FakeMailetConfig.builder().mailetName("AddAuthenticationResults").build());
    }

    private static MimeMessage message(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void prependsOurResultsAndRemovesForgedOnesKeepingOthers() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message(
                "Received: from mail.sender.example\r\n\tby mx.example.org\r\n"
                + "Authentication-Results: MX.example.org; dkim=pass header.d=bank.example\r\n"
                + "Authentication-Results: relay.example.net; spf=pass smtp.mailfrom=a@example.net\r\n"
                + "From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n"))
            .attribute(Attribute.convertToAttribute(AuthenticationAttributes.AUTHENTICATION_RESULTS,
                "mx.example.org; spf=pass smtp.mailfrom=a@example.com; dkim=none; dmarc=pass header.from=example.com"))
            .attribute(Attribute.convertToAttribute(AuthenticationAttributes.RECEIVED_SPF, "pass (mx.example.org: ...) client-ip=192.0.2.1"))
            .build();

        mailet.service(mail);

        String result = text(mail.getMessage());
        assertThat(result).startsWith("Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=a@example.com; dkim=none; dmarc=pass header.from=example.com\r\n"
            + "Received-SPF: pass (mx.example.org: ...) client-ip=192.0.2.1\r\n"
            + "Received: from mail.sender.example\r\n\tby mx.example.org\r\n");
        assertThat(result).doesNotContain("bank.example").contains("Authentication-Results: relay.example.net; spf=pass")
            .endsWith("\r\n\r\nbody\r\n");
    }

    @Test
    void mailThatWasNotCheckedOnlyLosesForgedResults() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message(
                "Authentication-Results: mx.example.org; dmarc=pass header.from=bank.example\r\nFrom: a@example.com\r\n\r\nbody\r\n"))
            .build();

        mailet.service(mail);

        assertThat(text(mail.getMessage())).doesNotContain("Authentication-Results").doesNotContain("Received-SPF");
    }
}
