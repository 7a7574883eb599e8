package dev.postern.score.rules;

import java.util.ArrayList;
import java.util.List;

import dev.postern.score.message.ScannedMessage;

/**
 * MISSING_FROM without a From address (RFC 5322 section 3.6 requires one); FROM_NEQ_ENVFROM when
 * it differs from the envelope sender, common in mailing lists and in spoofing alike, so weak;
 * bounces (null sender) are not compared.
 */
public final class FromRule implements Rule {

    @Override
    public List<Hit> check(RuleInput input) {
        String from = input.message().fromAddress();
        List<Hit> hits = new ArrayList<>();
        if (from.isEmpty()) {
            hits.add(Hit.of("MISSING_FROM"));
            return hits;
        }
        String envelope = ScannedMessage.addressIn("<" + input.context().envelopeSender() + ">");
        if (!envelope.isEmpty() && !envelope.equalsIgnoreCase(from)) {
            hits.add(Hit.of("FROM_NEQ_ENVFROM", from, envelope));
        }
        return hits;
    }
}
