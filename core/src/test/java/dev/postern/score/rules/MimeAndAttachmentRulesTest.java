package dev.postern.score.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.postern.score.TestData;

class MimeAndAttachmentRulesTest {

    @Test
    void htmlWithoutTextIsHtmlOnly() {
        assertThat(new MimeRule().check(TestData.input("html-only.eml"))).extracting(Hit::symbol).containsExactly("MIME_HTML_ONLY");
        assertThat(new MimeRule().check(TestData.input("alternative.eml"))).isEmpty();
        assertThat(new MimeRule().check(TestData.input("clean.eml"))).isEmpty();
    }

    @Test
    void aMultipartWithoutBoundaryIsBroken() {
        assertThat(new MimeRule().check(TestData.input("broken-mime.eml")))
            .singleElement().satisfies(hit -> {
                assertThat(hit.symbol()).isEqualTo("MIME_BAD");
                assertThat(hit.options()).anyMatch(option -> option.contains("boundary"));
            });
    }

    @Test
    void executableAttachmentsAndDisguisedOnes() {
        AttachmentRule rule = new AttachmentRule(Set.of("exe", "js"));
        assertThat(rule.check(TestData.input("attachments.eml")))
            .extracting(Hit::symbol, hit -> hit.options().get(0))
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("MIME_DOUBLE_BAD_EXTENSION", "invoice.pdf.exe"),
                org.assertj.core.groups.Tuple.tuple("MIME_BAD_EXTENSION", "run.js"));
        assertThat(new AttachmentRule(Set.of("scr")).check(TestData.input("attachments.eml"))).isEmpty();
    }

    @Test
    void gtubeForcesReject() {
        assertThat(new GtubeRule().check(TestData.input("gtube.eml")))
            .singleElement().satisfies(hit -> {
                assertThat(hit.symbol()).isEqualTo("GTUBE");
                assertThat(hit.forcedAction()).contains(dev.postern.score.Action.REJECT);
            });
        assertThat(new GtubeRule().check(TestData.input("clean.eml"))).isEmpty();
    }
}
