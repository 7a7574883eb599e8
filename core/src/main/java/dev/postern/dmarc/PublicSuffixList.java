package dev.postern.dmarc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Public Suffix List (https://publicsuffix.org), which RFC 7489 section 3.2 uses to find a
 * domain's Organizational Domain: the public suffix plus one label. Two implementations: the
 * list built into Guava, which James ships ({@link #guava()}), and a list file in the
 * publicsuffix.org format that an operator keeps current ({@link #load(Path)}).
 */
public interface PublicSuffixList {

    /**
     * The registrable domain: public suffix plus one label, lowercase ASCII (A-labels). Empty when
     * {@code domain} is itself a public suffix, or not a domain name.
     */
    Optional<String> registrableDomain(String domain);

    /**
     * The Organizational Domain (RFC 7489 section 3.2): the registrable domain, or the name
     * itself when it is a public suffix (lowercased, without a trailing dot).
     */
    default String organizationalDomain(String domain) {
        return registrableDomain(domain).orElse(Alignment.normal(domain));
    }

    /** The list compiled into Guava (com.google.common.net.InternetDomainName). */
    static PublicSuffixList guava() {
        return GuavaPublicSuffixList.INSTANCE;
    }

    /** A list file in the publicsuffix.org format (public_suffix_list.dat). */
    static PublicSuffixList load(Path file) throws IOException {
        return PublicSuffixFile.load(file);
    }
}
