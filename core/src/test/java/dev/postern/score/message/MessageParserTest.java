package dev.postern.score.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postern.score.TestData;

class MessageParserTest {

    @Test
    void readsHeadersUnfoldedAndPartsDecoded() {
        ScannedMessage message = TestData.message("clean.eml");
        assertThat(message.header("received")).hasValueSatisfying(v -> assertThat(v).doesNotContain("\n").contains("by mx.example.org"));
        assertThat(message.fromAddress()).isEqualTo("alice@example.com");
        assertThat(message.subject()).isEqualTo("Minutes of Tuesday's meeting");
        assertThat(message.parts()).singleElement().satisfies(part -> {
            assertThat(part.mimeType()).isEqualTo("text/plain");
            assertThat(part.text()).contains("notes from Tuesday");
        });
        assertThat(message.mimeErrors()).isEmpty();
    }

    @Test
    void walksMultipartsAndDecodesAttachmentNames() {
        ScannedMessage message = TestData.message("attachments.eml");
        assertThat(message.parts()).extracting(Part::mimeType)
            .containsExactly("text/plain", "application/octet-stream", "application/javascript", "application/pdf");
        assertThat(message.parts()).extracting(Part::filename)
            .containsExactly(Optional.empty(), Optional.of("invoice.pdf.exe"), Optional.of("run.js"), Optional.of("report.pdf"));
    }

    @Test
    void neverFailsOnGarbage() {
        ScannedMessage message = MessageParser.parse(new byte[] {0, 1, 2, (byte) 0xff, '\n', '\n', 'x'});
        assertThat(message.parts()).hasSize(1);
        assertThat(MessageParser.parse(new byte[0]).headers()).isEmpty();
    }

    @Test
    void addressesInHeaderValues() {
        assertThat(ScannedMessage.addressIn("\"Doe, Jane\" <Jane@Example.ORG>")).isEqualTo("jane@example.org");
        assertThat(ScannedMessage.addressIn("jane@example.org (Jane)")).isEqualTo("jane@example.org");
        assertThat(ScannedMessage.addressIn("undisclosed-recipients:;")).isEmpty();
    }
}
