package dev.postern.score.rules;

import java.util.List;

/** rspamd's DKIM symbols from the DKIM result of the context (RFC 6376, RFC 8601 section 2.7.1). */
public final class DkimRule implements Rule {

    @Override
    public List<Hit> check(RuleInput input) {
        return List.of(Hit.of(switch (input.context().auth().dkim()) {
            case PASS -> "R_DKIM_ALLOW";
            case FAIL -> "R_DKIM_REJECT";
            case NONE -> "R_DKIM_NA";
            case TEMPERROR -> "R_DKIM_TEMPFAIL";
            case PERMERROR -> "R_DKIM_PERMFAIL";
        }));
    }
}
