package dev.postern.score.message;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * A parsed message: what every rule reads. Immutable; build it with {@link MessageParser}.
 *
 * @param headers the top-level header fields, in order
 * @param parts the leaves of the MIME tree, depth first (a message/rfc822 part is descended into)
 * @param mimeErrors what mime4j complained about while parsing, plus structural errors found
 * @param raw the message bytes as received, for byte-level rules (GTUBE)
 */
public record ScannedMessage(List<Header> headers, List<Part> parts, List<String> mimeErrors, byte[] raw) {

    public ScannedMessage {
        headers = List.copyOf(headers);
        parts = List.copyOf(parts);
        mimeErrors = List.copyOf(mimeErrors);
    }

    /** The first header of that name, case-insensitive. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /** The Subject with its encoded words decoded (RFC 2047), empty when there is none. */
    public String subject() {
        return header("Subject").map(MessageParser::decodeEncodedWords).orElse("");
    }

    /** The address inside the first From header, lower case, empty when none can be found. */
    public String fromAddress() {
        return header("From").map(ScannedMessage::addressIn).orElse("");
    }

    /** The addr-spec of an address header value: what is inside angle brackets, else the first word with '@'. */
    private static final Pattern ADDRESS_SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final Pattern ADDRESS_PUNCTUATION = Pattern.compile("^[\"(]+|[\")]+$");

    public static String addressIn(String value) {
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            return value.substring(open + 1, close).trim().toLowerCase(Locale.ROOT);
        }
        for (String word : ADDRESS_SEPARATORS.split(value)) {
            if (word.contains("@")) {
                return ADDRESS_PUNCTUATION.matcher(word).replaceAll("").toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    public List<Part> textParts() {
        return parts.stream().filter(Part::isText).toList();
    }

    public List<Part> htmlParts() {
        return parts.stream().filter(Part::isHtml).toList();
    }

    /** The readable text: plain parts as they are, HTML parts stripped of markup. */
    public String visibleText() {
        return parts.stream()
            .filter(part -> part.isText() || part.isHtml())
            .map(part -> part.isHtml() ? Html.strip(part.text()) : part.text())
            .collect(Collectors.joining("\n"));
    }
}
