package dev.postern.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

    @Test
    void oneResultPerSignature() {
        String field = AuthenticationResults.headerField("mx.example.org", List.of(
            new SignatureResult(DkimResult.PASS, "", "example.com", "sel", "rsa-sha256", "@example.com", "AbCdEfGh", false),
            new SignatureResult(DkimResult.FAIL, "body hash did not verify", "example.com", "ed", "ed25519-sha256", "@example.com", "a/b+c==1", false)));

        assertThat(field).isEqualTo("Authentication-Results: mx.example.org;\r\n"
            + " dkim=pass header.d=example.com header.i=@example.com header.s=sel header.a=rsa-sha256 header.b=AbCdEfGh;\r\n"
            + " dkim=fail reason=\"body hash did not verify\" header.d=example.com header.i=@example.com header.s=ed header.a=ed25519-sha256 header.b=\"a/b+c==1\"\r\n");
    }

    @Test
    void unsignedIsNone() {
        assertThat(AuthenticationResults.headerField("postern", List.of())).isEqualTo("Authentication-Results: postern;\r\n dkim=none\r\n");
    }

    @Test
    void recognisesFieldsClaimingOurId() {
        assertThat(AuthenticationResults.isFrom(" MX.example.org; dkim=pass", "mx.example.org")).isTrue();
        assertThat(AuthenticationResults.isFrom("mx.example.org 1; dkim=pass", "mx.example.org")).isTrue();
        assertThat(AuthenticationResults.isFrom("other.example; dkim=pass", "mx.example.org")).isFalse();
        assertThatThrownBy(() -> AuthenticationResults.checkAuthservId("a b")).hasMessageContaining("must be a host name");
    }
}
