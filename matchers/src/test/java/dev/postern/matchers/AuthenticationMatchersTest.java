package dev.postern.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

import dev.postern.inbound.AuthenticationAttributes;

class AuthenticationMatchersTest {

    private static FakeMail mail(String attribute, String value) throws Exception {
        FakeMail.Builder builder = FakeMail.builder().name("m").recipients("me@example.org", "you@example.org");
        if (attribute != null) {
            builder.attribute(Attribute.convertToAttribute(attribute, value));
        }
        return builder.build();
    }

    private static <T extends AttributeIsOneOf> T init(T matcher, String condition) throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName(matcher.getClass().getSimpleName()).condition(condition).build());
        return matcher;
    }

    @Test
    void dmarcDispositionMatchesAllRecipientsOfQuarantinedMail() throws Exception {
        HasDmarcDisposition matcher = init(new HasDmarcDisposition(), "quarantine");

        assertThat(matcher.match(mail(AuthenticationAttributes.DMARC_DISPOSITION, "quarantine")))
            .containsExactly(new MailAddress("me@example.org"), new MailAddress("you@example.org"));
        assertThat(matcher.match(mail(AuthenticationAttributes.DMARC_DISPOSITION, "none"))).isEmpty();
        assertThat(matcher.match(mail(null, null))).isEmpty();
    }

    @Test
    void spfResultTakesSeveralWordsInAnyCase() throws Exception {
        HasSpfResult matcher = init(new HasSpfResult(), "Fail, softfail");

        assertThat(matcher.match(mail(AuthenticationAttributes.SPF_RESULT, "softfail"))).hasSize(2);
        assertThat(matcher.match(mail(AuthenticationAttributes.SPF_RESULT, "pass"))).isEmpty();
    }

    @Test
    void dmarcResultReadsItsOwnAttribute() throws Exception {
        HasDmarcResult matcher = init(new HasDmarcResult(), "fail");

        assertThat(matcher.match(mail(AuthenticationAttributes.DMARC_RESULT, "fail"))).hasSize(2);
        assertThat(matcher.match(mail(AuthenticationAttributes.SPF_RESULT, "fail"))).isEmpty();
    }

    @Test
    void anUnknownWordIsAConfigurationErrorListingTheValidOnes() {
        assertThatThrownBy(() -> init(new HasDmarcResult(), "failed"))
            .hasMessageContaining("the condition 'failed' must be one or more of fail,none,pass,permerror,temperror");
        assertThatThrownBy(() -> init(new HasSpfResult(), ""))
            .hasMessageContaining("must be one or more of");
    }
}
