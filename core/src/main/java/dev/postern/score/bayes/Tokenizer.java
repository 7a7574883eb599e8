package dev.postern.score.bayes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.postern.score.message.Html;
import dev.postern.score.message.Header;
import dev.postern.score.message.Part;
import dev.postern.score.message.ScannedMessage;

/**
 * Turns a message into the set of tokens Bayes counts: words of the subject and of the visible
 * body (HTML stripped), adjacent word pairs (a cheap form of rspamd's OSB), words of selected
 * headers prefixed by the header name, URL hosts, and MIME types of the parts. A token counts once
 * per message.
 */
public final class Tokenizer {

    /** Shorter words are mostly noise (articles, fragments of encodings). */
    static final int WORD_LENGTH_MIN = 3;
    /** Longer "words" are encoded blobs or hashes: reduced to a length class, as SpamAssassin's "sk:" tokens. */
    static final int WORD_LENGTH_MAX = 24;
    /** Tokens per message: enough for any real message; caps the cost of huge ones. */
    static final int TOKENS_MAX = 5000;

    /**
     * Headers whose words are tokenized. Trace headers added by our own servers and any earlier
     * filter's verdict (X-Spam-*) are left out: they would teach Bayes about the path, not the mail.
     */
    private static final List<String> HEADERS = List.of("from", "reply-to", "to", "cc", "subject", "content-type",
        "x-mailer", "user-agent", "message-id", "list-id", "precedence", "organization", "x-priority",
        "x-msmail-priority", "mime-version", "received");

    /** Quotes, bangs and dashes around a word are punctuation, not part of it. */
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^['!-]+|['-]+$");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}$'!-]+");

    private Tokenizer() {
    }

    public static Set<String> tokens(ScannedMessage message) {
        Set<String> tokens = new LinkedHashSet<>();
        words(message.subject() + "\n" + message.visibleText(), "", true, tokens);
        for (Header header : message.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (HEADERS.contains(name) && tokens.size() < TOKENS_MAX) {
                words(dev.postern.score.message.MessageParser.decodeEncodedWords(header.value()), "h:" + name + ":", false, tokens);
            }
        }
        for (String url : Html.urls(message)) {
            add(tokens, "url:" + Html.host(url));
        }
        for (Part part : message.parts()) {
            add(tokens, "part:" + part.mimeType());
        }
        return tokens;
    }

    private static void words(String text, String prefix, boolean pairs, Set<String> tokens) {
        String previous = null;
        for (String raw : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            String word = EDGE_PUNCTUATION.matcher(raw).replaceAll("");
            if (tokens.size() >= TOKENS_MAX) {
                return;
            }
            if (word.length() < WORD_LENGTH_MIN) {
                continue;
            }
            if (word.length() > WORD_LENGTH_MAX) {
                add(tokens, prefix + "long:" + word.charAt(0) + ":" + (word.length() / 8));
                previous = null;
                continue;
            }
            add(tokens, prefix + word);
            if (pairs && previous != null) {
                add(tokens, previous + " " + word);
            }
            previous = word;
        }
    }

    private static void add(Set<String> tokens, String token) {
        if (tokens.size() < TOKENS_MAX) {
            tokens.add(token);
        }
    }
}
