package dev.postern.score.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.postern.score.message.Part;

/**
 * MIME_BAD_EXTENSION when an attachment's name ends in an extension that runs code on the
 * reader's machine (configured); MIME_DOUBLE_BAD_EXTENSION when it hides behind another
 * extension ("invoice.pdf.exe"), a disguise with no honest use.
 */
public final class AttachmentRule implements Rule {

    private final Set<String> badExtensions;

    public AttachmentRule(Set<String> badExtensions) {
        this.badExtensions = Set.copyOf(badExtensions);
    }

    @Override
    public List<Hit> check(RuleInput input) {
        List<Hit> hits = new ArrayList<>();
        for (Part part : input.message().parts()) {
            part.filename().ifPresent(name -> {
                String[] pieces = name.toLowerCase(Locale.ROOT).trim().split("\\.");
                if (pieces.length < 2 || !badExtensions.contains(pieces[pieces.length - 1])) {
                    return;
                }
                boolean doubled = pieces.length >= 3 && pieces[pieces.length - 2].matches("[a-z0-9]{2,4}");
                hits.add(Hit.of(doubled ? "MIME_DOUBLE_BAD_EXTENSION" : "MIME_BAD_EXTENSION", name));
            });
        }
        return hits;
    }
}
