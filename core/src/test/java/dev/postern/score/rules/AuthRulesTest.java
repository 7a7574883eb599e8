package dev.postern.score.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postern.score.AuthResults;
import dev.postern.score.ScanContext;
import dev.postern.score.TestData;

class AuthRulesTest {

    private static RuleInput with(AuthResults auth) {
        return TestData.input(TestData.message("clean.eml"), ScanContext.ofRecipients("bob@example.org").withAuth(auth));
    }

    @ParameterizedTest
    @CsvSource({"pass,R_SPF_ALLOW", "fail,R_SPF_FAIL", "hardfail,R_SPF_FAIL", "softfail,R_SPF_SOFTFAIL",
        "neutral,R_SPF_NEUTRAL", "none,R_SPF_NA", "temperror,R_SPF_DNSFAIL", "permerror,R_SPF_PERMFAIL", "garbage,R_SPF_NA"})
    void spf(String word, String symbol) {
        assertThat(new SpfRule().check(with(AuthResults.of(word, null, null, null))))
            .extracting(Hit::symbol).containsExactly(symbol);
    }

    @ParameterizedTest
    @CsvSource({"pass,R_DKIM_ALLOW", "fail,R_DKIM_REJECT", "policy,R_DKIM_REJECT", "none,R_DKIM_NA",
        "temperror,R_DKIM_TEMPFAIL", "permerror,R_DKIM_PERMFAIL"})
    void dkim(String word, String symbol) {
        assertThat(new DkimRule().check(with(AuthResults.of(null, word, null, null))))
            .extracting(Hit::symbol).containsExactly(symbol);
    }

    @ParameterizedTest
    @CsvSource({"pass,reject,DMARC_POLICY_ALLOW", "fail,reject,DMARC_POLICY_REJECT", "fail,quarantine,DMARC_POLICY_QUARANTINE",
        "fail,none,DMARC_POLICY_SOFTFAIL", "none,none,DMARC_NA", "temperror,none,DMARC_DNSFAIL", "permerror,none,DMARC_BAD_POLICY"})
    void dmarcIsScoredByThePolicyAskedFor(String word, String policy, String symbol) {
        assertThat(new DmarcRule().check(with(AuthResults.of(null, null, word, policy))))
            .extracting(Hit::symbol).containsExactly(symbol);
    }
}
