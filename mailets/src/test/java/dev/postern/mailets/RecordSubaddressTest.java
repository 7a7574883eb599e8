package dev.postern.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.PerRecipientHeaders;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.postern.subaddress.Subaddressing;

class RecordSubaddressTest {

    private RecordSubaddress mailet;

    @BeforeEach
    void setUp() throws Exception {
        mailet = new RecordSubaddress(Subaddressing.defaults());
        mailet.init(FakeMailetConfig.builder().mailetName("RecordSubaddress").build());
    }

    @Test
    void deliversToTheUserAndRecordsTheDetail() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("me+Shop@example.org", "you@example.org").build();

        mailet.service(mail);

        MailAddress me = new MailAddress("me@example.org");
        assertThat(mail.getRecipients()).containsExactly(me, new MailAddress("you@example.org"));
        assertThat(RecordSubaddress.detailOf(mail, me)).contains("Shop");
        assertThat(RecordSubaddress.detailOf(mail, new MailAddress("you@example.org"))).isEmpty();
        assertThat(mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(me))
            .containsExactly(PerRecipientHeaders.Header.builder().name("X-Original-To").value("me+Shop@example.org").build());
    }

    @Test
    void leavesAQuotedLocalPartWhoseUserIsNoLocalPartAlone() throws Exception {
        MailAddress quoted = new MailAddress("\"me+a b\"@example.org");
        FakeMail mail = FakeMail.builder().name("m").recipients(quoted).build();

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactly(quoted);
    }

    @Test
    void keepsTheEmptyDetail() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("me+@example.org").build();

        mailet.service(mail);

        assertThat(RecordSubaddress.detailOf(mail, new MailAddress("me@example.org"))).contains("");
    }

    @Test
    void mergesWithDetailsRecordedEarlierAndDeliversOnce() throws Exception {
        FakeMail mail = FakeMail.builder().name("m").recipients("me+a@example.org").build();
        mailet.service(mail);
        mail.setRecipients(List.of(new MailAddress("me@example.org"), new MailAddress("her+b@example.org"), new MailAddress("me+c@example.org")));

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("me@example.org"), new MailAddress("her@example.org"));
        assertThat(RecordSubaddress.detailOf(mail, new MailAddress("her@example.org"))).contains("b");
        assertThat(RecordSubaddress.detailOf(mail, new MailAddress("me@example.org"))).contains("c");
    }
}
