package dev.postern.mailets.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.managesieve.api.SyntaxException;
import org.junit.jupiter.api.Test;

class PosternSieveParserTest {

    private final PosternSieveParser parser = new PosternSieveParser();

    @Test
    void acceptsTheDovecotScript() throws Exception {
        assertThat(parser.parse(ExtendedSieveTest.DOVECOT_SCRIPT)).isEmpty();
    }

    @Test
    void advertisesTheExtensions() {
        assertThat(parser.getExtensions()).contains("variables", "mailbox", "enotify", "imap4flags",
            "subaddress", "regex", "copy", "relational", "fileinto");
    }

    @Test
    void refusesAnUnknownCapabilityWithItsName() {
        assertThatThrownBy(() -> parser.parse("require \"frobnicate\";"))
            .isInstanceOf(SyntaxException.class)
            .hasMessageContaining("frobnicate");
    }

    @Test
    void reasonIsOneLineWithoutDoubleQuotesForManageSieve() {
        // ManageSieve sends it inside a quoted string (RFC 5804 section 4).
        assertThatThrownBy(() -> parser.parse("require [\"fileinto\"];\nif true {\n  fileinto \"x\"\n}\n"))
            .isInstanceOf(SyntaxException.class)
            .hasMessageContaining("line 4")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\"", "\n", "\r"));
    }
}
