package dev.postern.score.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MISSING_SUBJECT; SUBJ_ALL_CAPS when every letter of a subject of some length is upper case;
 * SUBJ_EXCESS_BASE64 / SUBJ_EXCESS_QP when the subject uses RFC 2047 encoded words to carry
 * plain ASCII, which hides words from filters and which no mail client needs to do.
 */
public final class SubjectRule implements Rule {

    /** Fewer letters than this ("OK", "FYI", "RE: PR") say nothing. */
    static final int CAPS_LETTERS_MIN = 10;

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");

    @Override
    public List<Hit> check(RuleInput input) {
        Optional<String> raw = input.message().header("Subject");
        if (raw.isEmpty()) {
            return List.of(Hit.of("MISSING_SUBJECT"));
        }
        List<Hit> hits = new ArrayList<>();
        String subject = input.message().subject();
        if (allCaps(subject)) {
            hits.add(Hit.of("SUBJ_ALL_CAPS", subject));
        }
        encodingAbuse(raw.get()).ifPresent(hits::add);
        return hits;
    }

    static boolean allCaps(String subject) {
        int letters = 0;
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isLetter(c)) {
                if (Character.isLowerCase(c)) {
                    return false;
                }
                letters++;
            }
        }
        return letters >= CAPS_LETTERS_MIN;
    }

    /** An encoded word whose decoded text is printable ASCII: encoding it served no purpose but hiding. */
    static Optional<Hit> encodingAbuse(String raw) {
        Matcher matcher = ENCODED_WORD.matcher(raw);
        while (matcher.find()) {
            String decoded = dev.postern.score.message.MessageParser.decodeEncodedWords(matcher.group());
            boolean ascii = !decoded.equals(matcher.group()) && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
            if (ascii) {
                return Optional.of(Hit.of(matcher.group(2).equalsIgnoreCase("b") ? "SUBJ_EXCESS_BASE64" : "SUBJ_EXCESS_QP", decoded));
            }
        }
        return Optional.empty();
    }
}
