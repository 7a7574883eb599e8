package dev.postern.score.rules;

import java.util.List;

import dev.postern.score.AuthResults;

/**
 * rspamd's DMARC symbols: a failure is scored by the policy the From domain asked for
 * (RFC 7489 section 6.3), so p=reject weighs more than p=none ("DMARC_POLICY_SOFTFAIL").
 */
public final class DmarcRule implements Rule {

    @Override
    public List<Hit> check(RuleInput input) {
        AuthResults auth = input.context().auth();
        return List.of(switch (auth.dmarc()) {
            case PASS -> Hit.of("DMARC_POLICY_ALLOW");
            case NONE -> Hit.of("DMARC_NA");
            case TEMPERROR -> Hit.of("DMARC_DNSFAIL");
            case PERMERROR -> Hit.of("DMARC_BAD_POLICY");
            case FAIL -> switch (auth.dmarcPolicy()) {
                case REJECT -> Hit.of("DMARC_POLICY_REJECT", "reject");
                case QUARANTINE -> Hit.of("DMARC_POLICY_QUARANTINE", "quarantine");
                case NONE -> Hit.of("DMARC_POLICY_SOFTFAIL", "none");
            };
        });
    }
}
