package dev.postern.subaddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubaddressingTest {

    private final Subaddressing plus = Subaddressing.defaults();

    @Test
    void splitsAtTheDelimiter() {
        assertThat(plus.split("me+shop")).contains(new Subaddress("me", '+', "shop"));
    }

    @Test
    void splitsAtTheFirstDelimiterOnly() {
        assertThat(plus.split("me+shop+sale")).contains(new Subaddress("me", '+', "shop+sale"));
    }

    @Test
    void keepsAnEmptyDetailApartFromNoDetail() {
        assertThat(plus.split("me+")).contains(new Subaddress("me", '+', ""));
        assertThat(plus.split("me")).isEmpty();
    }

    @Test
    void aLeadingDelimiterNamesNoUser() {
        assertThat(plus.split("+shop")).isEmpty();
    }

    @Test
    void acceptsSeveralDelimiters() {
        Subaddressing plusOrMinus = Subaddressing.withDelimiters("+-");
        assertThat(plusOrMinus.split("me-bank")).contains(new Subaddress("me", '-', "bank"));
        assertThat(plusOrMinus.split("me+bank-x")).contains(new Subaddress("me", '+', "bank-x"));
        assertThat(plus.split("me-bank")).isEmpty();
    }

    @Test
    void rebuildsTheLocalPart() {
        assertThat(plus.split("me+Shop").orElseThrow().localPart()).isEqualTo("me+Shop");
    }

    @Test
    void rejectsDelimitersThatCannotWork() {
        assertThatThrownBy(() -> Subaddressing.withDelimiters(""))
            .hasMessageContaining("at least one character");
        assertThatThrownBy(() -> Subaddressing.withDelimiters("@"))
            .hasMessageContaining("'@' cannot separate a detail");
        assertThatThrownBy(() -> Subaddressing.withDelimiters("+ "))
            .hasMessageContaining("' ' cannot separate a detail");
    }
}
