package dev.postern.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The publicsuffix.org test vectors (test_psl.txt, public domain) against both implementations:
 * the file parser on an excerpt of the list and on the whole list when the system has it, and
 * Guava's built-in list.
 */
class PublicSuffixListTest {

    /** Debian's "publicsuffix" package puts the list here. */
    static final Path SYSTEM_LIST = Path.of("/usr/share/publicsuffix/public_suffix_list.dat");
    private static final Pattern CHECK = Pattern.compile("checkPublicSuffix\\((null|'[^']*'), (null|'[^']*')\\);");

    record Vector(String domain, String expected) {
    }

    static List<Vector> vectors() throws Exception {
        try (InputStream in = Objects.requireNonNull(PublicSuffixListTest.class.getResourceAsStream("test_psl.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("checkPublicSuffix"))
                .map(line -> {
                    Matcher m = CHECK.matcher(line);
                    if (!m.matches()) {
                        throw new IllegalStateException("cannot read vector " + line);
                    }
                    return new Vector(unquote(m.group(1)), unquote(m.group(2)));
                }).toList();
        }
    }

    private static String unquote(String value) {
        return value.equals("null") ? null : value.substring(1, value.length() - 1);
    }

    static void check(PublicSuffixList list) throws Exception {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSizeGreaterThan(70);
        SoftAssertions softly = new SoftAssertions();
        for (Vector vector : vectors) {
            Optional<String> actual = list.registrableDomain(vector.domain);
            Optional<String> expected = Optional.ofNullable(vector.expected)
                .map(name -> IDN.toASCII(name).toLowerCase(Locale.ROOT));
            softly.assertThat(actual).as(String.valueOf(vector.domain)).isEqualTo(expected);
        }
        softly.assertAll();
    }

    @Test
    void fileFormatOnAnExcerpt() throws Exception {
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("psl-excerpt.dat"))) {
            check(PublicSuffixFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    @Test
    void fileFormatOnTheWholeList() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(SYSTEM_LIST), SYSTEM_LIST + " not present (Debian package publicsuffix); skipped");
        check(PublicSuffixList.load(SYSTEM_LIST));
    }

    @Test
    void guavasBuiltInList() throws Exception {
        check(PublicSuffixList.guava());
    }

    @Test
    void organizationalDomainOfAPublicSuffixIsItself() {
        assertThat(PublicSuffixList.guava().organizationalDomain("co.uk")).isEqualTo("co.uk");
        assertThat(PublicSuffixList.guava().organizationalDomain("Mail.Example.CO.UK.")).isEqualTo("example.co.uk");
        assertThat(PublicSuffixList.guava().organizationalDomain("_dmarc.example.com")).isEqualTo("example.com");
    }

    @Test
    void badRulesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> PublicSuffixFile.parse("com\n\nfoo..bar\n"))
            .hasMessage("public suffix list line 3: 'foo..bar' is not a rule; write a domain, *.domain or !domain");
    }
}
