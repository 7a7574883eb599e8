package dev.postern.score.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.postern.score.TestData;

class TokenizerTest {

    @Test
    void wordsPairsHeadersUrlsAndParts() {
        Set<String> tokens = Tokenizer.tokens(TestData.message("html-only.eml"));
        assertThat(tokens).contains("your", "exclusive", "offer", "your exclusive", "visit", "shop",
            "h:from:offers", "h:from:promo", "url:203.0.113.7", "url:click.tracker.spamdomain.example", "part:text/html");
        assertThat(tokens).as("script and style are invisible").doesNotContain("secret", "color");
        assertThat(tokens).as("words shorter than 3").doesNotContain("or", "p");
    }

    @Test
    void longWordsBecomeLengthClassesAndFilterHeadersAreIgnored() {
        byte[] raw = ("X-Spam-Status: Yes, score=20\nSubject: hello\n\n" + "a".repeat(40) + " ok").getBytes();
        Set<String> tokens = Tokenizer.tokens(dev.postern.score.message.MessageParser.parse(raw));
        assertThat(tokens).contains("long:a:5", "h:subject:hello").noneMatch(t -> t.contains("score") || t.startsWith("h:x-spam"));
    }
}
