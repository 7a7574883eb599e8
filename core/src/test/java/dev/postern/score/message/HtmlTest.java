package dev.postern.score.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.postern.score.TestData;

class HtmlTest {

    @Test
    void stripsMarkupScriptsStylesAndComments() {
        assertThat(Html.strip("<style>x{}</style><p>Fish &amp; chips<!-- hidden --></p><script>alert(1)</script>").trim())
            .isEqualTo("Fish & chips");
    }

    @Test
    void findsLinksAndTextUrls() {
        assertThat(Html.urls(TestData.message("html-only.eml")))
            .containsExactly("http://click.tracker.spamdomain.example/offer?id=1", "https://www.other.co.uk/x", "http://203.0.113.7/x");
        assertThat(Html.urls(TestData.message("alternative.eml")))
            .containsExactly("www.list.example/archive", "https://www.list.example/archive");
    }

    @Test
    void hosts() {
        assertThat(Html.host("HTTP://user:pw@Example.COM:8080/path?q")).isEqualTo("example.com");
        assertThat(Html.host("www.example.org.")).isEqualTo("www.example.org");
        assertThat(Html.host("http://[2001:db8::1]/")).isEqualTo("2001:db8::1");
    }
}
