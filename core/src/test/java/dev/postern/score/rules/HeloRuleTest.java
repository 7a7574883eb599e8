package dev.postern.score.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postern.score.ScanContext;
import dev.postern.score.TestData;

class HeloRuleTest {

    @ParameterizedTest
    @CsvSource(value = {"mail.example.com,", "[192.0.2.1],", "192.0.2.1,HFILTER_HELO_BAREIP", "2001:db8::1,HFILTER_HELO_BAREIP",
        "localhost,HFILTER_HELO_NOT_FQDN", "desktop-pc,HFILTER_HELO_NOT_FQDN", "'',"})
    void heloNames(String helo, String symbol) throws Exception {
        ScanContext context = ScanContext.ofRecipients("bob@example.org").withClientIp(InetAddress.getByName("203.0.113.5")).withHelo(helo);
        List<String> found = new HeloRule().check(TestData.input(TestData.message("clean.eml"), context)).stream().map(Hit::symbol).toList();
        assertThat(found).isEqualTo(symbol == null ? List.of() : List.of(symbol));
        assertThat(new HeloRule().check(TestData.input(TestData.message("clean.eml"), context.withAuthenticatedUser("bob"))))
            .as("authenticated clients greet as they like").isEmpty();
    }
}
