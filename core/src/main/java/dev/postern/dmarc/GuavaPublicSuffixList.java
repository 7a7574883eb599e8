package dev.postern.dmarc;

import java.util.Optional;

import com.google.common.net.InternetDomainName;

/**
 * {@link PublicSuffixList} on Guava's built-in copy of the list, which James 3.8.1 ships (Guava
 * 31.1). It uses the ICANN and private sections, as the publicsuffix.org algorithm does.
 */
final class GuavaPublicSuffixList implements PublicSuffixList {

    static final GuavaPublicSuffixList INSTANCE = new GuavaPublicSuffixList();

    private GuavaPublicSuffixList() {
    }

    @Override
    public Optional<String> registrableDomain(String domain) {
        String ascii = PublicSuffixFile.toAscii(domain);
        if (ascii == null) {
            return Optional.empty();
        }
        InternetDomainName name;
        try {
            name = InternetDomainName.from(ascii);
        } catch (IllegalArgumentException notADomain) {
            // Guava refuses some names DNS allows (e.g. "_dmarc" labels): fall back to the file rules.
            return PublicSuffixFile.defaultRule(ascii);
        }
        if (name.isPublicSuffix()) {
            return Optional.empty();
        }
        if (name.isUnderPublicSuffix()) {
            return Optional.of(name.topPrivateDomain().toString());
        }
        // No rule matched: the publicsuffix.org algorithm's default rule "*" makes the TLD the suffix.
        return PublicSuffixFile.defaultRule(ascii);
    }
}
