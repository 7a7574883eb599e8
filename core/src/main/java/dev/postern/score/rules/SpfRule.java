package dev.postern.score.rules;

import java.util.List;

/** rspamd's SPF symbols from the SPF result of the context (RFC 7208 section 2.6). */
public final class SpfRule implements Rule {

    @Override
    public List<Hit> check(RuleInput input) {
        return List.of(Hit.of(switch (input.context().auth().spf()) {
            case PASS -> "R_SPF_ALLOW";
            case FAIL -> "R_SPF_FAIL";
            case SOFTFAIL -> "R_SPF_SOFTFAIL";
            case NEUTRAL -> "R_SPF_NEUTRAL";
            case NONE -> "R_SPF_NA";
            case TEMPERROR -> "R_SPF_DNSFAIL";
            case PERMERROR -> "R_SPF_PERMFAIL";
        }));
    }
}
