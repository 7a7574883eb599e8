package dev.postern.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

class HasDkimResultTest {

    private static HasDkimResult matcher(String condition) throws MessagingException {
        HasDkimResult matcher = new HasDkimResult();
        matcher.init(FakeMatcherConfig.builder().matcherName("HasDkimResult").condition(condition).build());
        return matcher;
    }

    private static FakeMail verified(String overall, String... results) throws MessagingException {
        return FakeMail.builder().name("m").recipients("me@example.org")
            .attribute(new Attribute(HasDkimResult.RESULT, AttributeValue.of(overall)))
            .attribute(new Attribute(HasDkimResult.RESULTS, AttributeValue.of(
                List.<AttributeValue<?>>of(java.util.Arrays.stream(results).map(AttributeValue::of).toArray(AttributeValue[]::new)))))
            .build();
    }

    @Test
    void matchesAResultOptionallyForADomain() throws Exception {
        FakeMail mail = verified("pass", "fail example.com s1 rsa-sha256", "pass example.org s2 ed25519-sha256");

        assertThat(matcher("pass").match(mail)).hasSize(1);
        assertThat(matcher("pass, example.org").match(mail)).hasSize(1);
        assertThat(matcher("pass,example.com").match(mail)).isEmpty();
        assertThat(matcher("fail,example.com").match(mail)).hasSize(1);
        assertThat(matcher("none").match(mail)).isEmpty();
    }

    @Test
    void noneMeansVerifiedAndUnsignedNeverUnverified() throws Exception {
        assertThat(matcher("none").match(verified("none"))).hasSize(1);
        assertThat(matcher("none").match(FakeMail.builder().name("m").recipients("me@example.org").build())).isEmpty();
        assertThat(matcher("pass").match(FakeMail.builder().name("m").recipients("me@example.org").build())).isEmpty();
    }

    @Test
    void aWrongConditionSaysHowToWriteIt() {
        assertThatThrownBy(() -> matcher("ok")).hasMessageContaining("HasDkimResult=RESULT[,DOMAIN]");
    }
}
