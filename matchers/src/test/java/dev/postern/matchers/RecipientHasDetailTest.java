package dev.postern.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Set;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.postern.subaddress.Subaddressing;

class RecipientHasDetailTest {

    private RecipientHasDetail matcher;

    /** A context whose local domain is example.org, with the users me@ and a+b@example.org. */
    static MailetContext exampleOrgContext() {
        FakeMailContext fake = FakeMailContext.defaultContext();
        Set<String> users = Set.of("me@example.org", "a+b@example.org");
        return (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "isLocalServer" -> ((Domain) args[0]).equals(Domain.of("example.org"));
                case "isLocalEmail" -> users.contains(((MailAddress) args[0]).asString());
                default -> method.invoke(fake, args);
            });
    }

    @BeforeEach
    void setUp() throws Exception {
        matcher = new RecipientHasDetail(Subaddressing.defaults());
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientHasDetail").mailetContext(exampleOrgContext()).build());
    }

    @Test
    void matchesLocalRecipientsWithADetail() throws Exception {
        FakeMail mail = FakeMail.builder().name("m")
            .recipients("me+shop@example.org", "me@example.org", "me+shop@remote.example")
            .build();

        assertThat(matcher.match(mail)).containsExactly(new MailAddress("me+shop@example.org"));
    }

    @Test
    void leavesAUserWhoseNameHasTheDelimiter() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("a+b@example.org").build();

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void honoursTheConfiguredDelimiters() throws Exception {
        RecipientHasDetail minus = new RecipientHasDetail(Subaddressing.withDelimiters("-"));
        minus.init(FakeMatcherConfig.builder().matcherName("RecipientHasDetail").mailetContext(exampleOrgContext()).build());
        FakeMail mail = FakeMail.builder().name("m").recipients("me-shop@example.org", "me+shop@example.org").build();

        assertThat(minus.match(mail)).containsExactly(new MailAddress("me-shop@example.org"));
    }
}
