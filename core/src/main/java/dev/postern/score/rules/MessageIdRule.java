package dev.postern.score.rules;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MISSING_MID when there is no Message-ID (RFC 5322 section 3.6.4 says SHOULD), INVALID_MSGID
 * when it is not {@code <left@right>} (msg-id of section 3.6.4).
 */
public final class MessageIdRule implements Rule {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>@\\s]+@[^<>@\\s]+>");

    @Override
    public List<Hit> check(RuleInput input) {
        Optional<String> id = input.message().header("Message-ID");
        if (id.isEmpty() || id.get().isBlank()) {
            return List.of(Hit.of("MISSING_MID"));
        }
        return MSG_ID.matcher(id.get().trim()).matches() ? List.of() : List.of(Hit.of("INVALID_MSGID", id.get()));
    }
}
