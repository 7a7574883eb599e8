package dev.postern.score.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.postern.score.message.Part;
import dev.postern.score.message.ScannedMessage;

/**
 * MIME_BAD when the MIME structure is broken (errors met by the parser, RFC 2045/2046);
 * MIME_HTML_ONLY when the message has HTML and no plain text alternative (RFC 2046 section
 * 5.1.4: legitimate senders offer text/plain).
 */
public final class MimeRule implements Rule {

    /** Options listed; one broken message can produce hundreds of warnings. */
    static final int OPTIONS_MAX = 5;

    @Override
    public List<Hit> check(RuleInput input) {
        ScannedMessage message = input.message();
        List<Hit> hits = new ArrayList<>();
        if (!message.mimeErrors().isEmpty()) {
            List<String> errors = message.mimeErrors().stream().distinct().limit(OPTIONS_MAX).toList();
            hits.add(new Hit("MIME_BAD", 1.0, errors, Optional.empty()));
        }
        boolean html = message.parts().stream().anyMatch(Part::isHtml);
        boolean text = message.parts().stream().anyMatch(part -> part.isText() && !part.text().isBlank());
        if (html && !text) {
            hits.add(Hit.of("MIME_HTML_ONLY"));
        }
        return hits;
    }
}
