package dev.postern.score.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postern.score.ScanContext;
import dev.postern.score.TestData;

class HeaderRulesTest {

    private static List<String> symbols(Rule rule, String message) {
        return rule.check(TestData.input(message)).stream().map(Hit::symbol).toList();
    }

    @Test
    void aCleanMessageTriggersNoHeaderRule() {
        for (Rule rule : List.of(new DateRule(), new MessageIdRule(), new ReceivedRule(), new SubjectRule(), new FromRule())) {
            assertThat(symbols(rule, "clean.eml")).as(rule.getClass().getSimpleName()).isEmpty();
        }
    }

    @Test
    void missingHeaders() {
        assertThat(symbols(new DateRule(), "missing-headers.eml")).containsExactly("MISSING_DATE");
        assertThat(symbols(new MessageIdRule(), "missing-headers.eml")).containsExactly("MISSING_MID");
        assertThat(symbols(new SubjectRule(), "missing-headers.eml")).containsExactly("MISSING_SUBJECT");
        assertThat(symbols(new FromRule(), "missing-headers.eml")).containsExactly("MISSING_FROM");
    }

    @Test
    void invalidDateAndMessageId() {
        assertThat(new DateRule().check(TestData.input("invalid-headers.eml")))
            .singleElement().satisfies(hit -> {
                assertThat(hit.symbol()).isEqualTo("INVALID_DATE");
                assertThat(hit.options()).containsExactly("yesterday at noon");
            });
        assertThat(symbols(new MessageIdRule(), "invalid-headers.eml")).containsExactly("INVALID_MSGID");
    }

    @Test
    void forgedReceivedNamesEachProblem() {
        assertThat(new ReceivedRule().check(TestData.input("invalid-headers.eml")))
            .singleElement().satisfies(hit -> {
                assertThat(hit.symbol()).isEqualTo("FORGED_RECEIVED");
                assertThat(hit.options()).containsExactly("bad address 300.12.13.14", "no by clause",
                    "future date fri, 01 jan 2100 00:00:00 +0000");
            });
    }

    @Test
    void fromIsComparedWithTheEnvelopeSenderButNotForBounces() {
        ScanContext listMail = ScanContext.ofRecipients("bob@example.org").withEnvelopeSender("list-bounces@lists.example.com");
        assertThat(new FromRule().check(TestData.input(TestData.message("clean.eml"), listMail)))
            .extracting(Hit::symbol).containsExactly("FROM_NEQ_ENVFROM");
        ScanContext same = ScanContext.ofRecipients("bob@example.org").withEnvelopeSender("Alice@Example.com");
        assertThat(new FromRule().check(TestData.input(TestData.message("clean.eml"), same))).isEmpty();
        ScanContext bounce = ScanContext.ofRecipients("bob@example.org").withEnvelopeSender("");
        assertThat(new FromRule().check(TestData.input(TestData.message("clean.eml"), bounce))).isEmpty();
    }

    @Test
    void subjectInCapitalsAndEncodedAscii() {
        assertThat(symbols(new SubjectRule(), "caps-subject.eml")).containsExactly("SUBJ_ALL_CAPS", "SUBJ_EXCESS_QP");
        assertThat(symbols(new SubjectRule(), "invalid-headers.eml")).containsExactly("SUBJ_EXCESS_BASE64");
    }

    @Test
    void shortCapitalSubjectsAndEncodedNonAsciiAreFine() {
        assertThat(SubjectRule.allCaps("RE: FYI")).isFalse();
        assertThat(SubjectRule.allCaps("URGENT PAYMENT NEEDED")).isTrue();
        assertThat(SubjectRule.encodingAbuse("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=")).isEmpty();
    }
}
