package dev.postern.dmarc.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.postern.dmarc.DmarcRecord;
import dev.postern.dmarc.DmarcRecord.ReportUri;
import dev.postern.dmarc.PublicSuffixList;
import dev.postern.dns.Resolver;
import dev.postern.dns.Resolver.Lookup;

/**
 * Which rua= addresses a report may be mailed to (RFC 7489 sections 6.2 and 7.1): mailto: URIs
 * only; an address outside the policy domain's Organizational Domain only when that domain
 * agrees to receive the reports, by a TXT record {@code <policy-domain>._report._dmarc.<rua-domain>}
 * starting with {@code v=DMARC1} (section 7.1); and no address whose size limit ({@code !10m},
 * section 6.2) the gzipped report exceeds.
 */
public final class ReportDestinations {

    /** Section 7.1: the label between the policy domain and the destination's domain. */
    public static final String VERIFICATION_LABEL = "._report._dmarc.";

    private final Resolver resolver;
    private final PublicSuffixList suffixes;

    public ReportDestinations(Resolver resolver, PublicSuffixList suffixes) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.suffixes = Objects.requireNonNull(suffixes, "suffixes");
    }

    /**
     * What was decided for one report.
     *
     * @param addresses where to send it
     * @param refused the addresses left out, each with why (for the log)
     * @param retryLater true when a DNS failure kept an address from being verified: send
     *                   nothing now, keep the records, try again at the next run
     */
    public record Choice(List<String> addresses, List<String> refused, boolean retryLater) {
    }

    /**
     * @param reportAddresses the record's rua= URIs, as {@link ReportUri#text()} wrote them
     * @param reportBytes the gzipped report's size
     */
    public Choice choose(String policyDomain, List<String> reportAddresses, long reportBytes) {
        List<String> addresses = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String text : reportAddresses) {
            ReportUri uri = ReportUri.parse(text).orElse(null);
            if (uri == null || !uri.isMailto()) {
                refused.add(text + ": not a mailto: URI (RFC 7489 section 7.2.1)");
                continue;
            }
            String address = address(uri);
            int at = address.lastIndexOf('@');
            if (at <= 0 || at == address.length() - 1) {
                refused.add(text + ": not a mail address");
                continue;
            }
            if (uri.maxSize().isPresent() && reportBytes > uri.maxSize().getAsLong()) {
                refused.add(text + ": the report (" + reportBytes + " bytes gzipped) is over the limit of "
                    + uri.maxSize().getAsLong() + " bytes (RFC 7489 section 6.2)");
                continue;
            }
            String destinationDomain = address.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!sameOrganization(policyDomain, destinationDomain)) {
                String name = policyDomain + VERIFICATION_LABEL + destinationDomain;
                Lookup<String> txt = resolver.txt(name);
                if (txt.status() == Lookup.Status.TEMPORARY_FAILURE) {
                    refused.add(text + ": DNS failed for TXT " + name + " (RFC 7489 section 7.1); will try again");
                    return new Choice(List.of(), refused, true);
                }
                if (txt.records().stream().noneMatch(DmarcRecord::isDmarc)) {
                    refused.add(text + ": " + destinationDomain + " does not accept reports for " + policyDomain
                        + ": no TXT \"v=DMARC1\" at " + name + " (RFC 7489 section 7.1)");
                    continue;
                }
            }
            if (!addresses.contains(address)) {
                addresses.add(address);
            }
        }
        return new Choice(List.copyOf(addresses), List.copyOf(refused), false);
    }

    private boolean sameOrganization(String policyDomain, String destinationDomain) {
        String organization = suffixes.organizationalDomain(policyDomain);
        return !organization.isEmpty() && organization.equals(suffixes.organizationalDomain(destinationDomain));
    }

    /** The address of a mailto: URI, without ?headers (RFC 6068). */
    private static String address(ReportUri uri) {
        String part = uri.uri().getSchemeSpecificPart();
        int query = part.indexOf('?');
        return (query < 0 ? part : part.substring(0, query)).strip();
    }
}
