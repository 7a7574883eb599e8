package dev.postern.zone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.postern.dkim.keys.DkimKey;

/**
 * Every record a domain needs for Postern to receive its mail and for receivers to accept the
 * mail it sends. Choices, all settable in {@code conf/postern.properties}:
 * <ul>
 * <li>MX: one, preference 10, the Postern host ({@code dns.mx}, default {@code mail.DOMAIN}).</li>
 * <li>SPF (RFC 7208): {@code v=spf1 mx -all}: the MX host sends the domain's mail and nothing
 *     else does. {@code -all} rather than {@code ~all}: Postern signs everything it sends, so a
 *     hard fail only hits forgeries.</li>
 * <li>DKIM (RFC 6376 section 3.6.2.1): one TXT per published selector (ACTIVE, NEXT and RETIRED
 *     within the grace period).</li>
 * <li>DMARC (RFC 7489 section 6.3): {@code v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:...}.
 *     quarantine rather than reject to start with: mail that a forwarder breaks lands in spam
 *     instead of bouncing; move to reject once the aggregate reports (rua, default
 *     {@code postmaster@DOMAIN}) show only your own mail passes.</li>
 * </ul>
 */
public final class DomainRecords {

    /** @param mxHost the host name of the MX, {@code null} for mail.DOMAIN
     *  @param dmarcPolicy none, quarantine or reject
     *  @param dmarcReports the rua address, {@code null} for postmaster@DOMAIN */
    public record Settings(String mxHost, String dmarcPolicy, String dmarcReports) {
        public Settings {
            Objects.requireNonNull(dmarcPolicy, "dmarcPolicy");
            if (!List.of("none", "quarantine", "reject").contains(dmarcPolicy)) {
                throw new IllegalArgumentException("the DMARC policy '" + dmarcPolicy + "' must be none, quarantine or reject (RFC 7489 section 6.3, p=)");
            }
        }

        public static Settings defaults() {
            return new Settings(null, "quarantine", null);
        }
    }

    public static final int DEFAULT_TTL = 3600;

    private DomainRecords() {
    }

    public static List<DnsRecord> records(String domain, List<DkimKey> publishedKeys, Settings settings) {
        String name = domain.toLowerCase(Locale.ROOT);
        String mx = settings.mxHost() == null || settings.mxHost().isBlank() ? "mail." + name : settings.mxHost().replace("{domain}", name);
        String rua = settings.dmarcReports() == null || settings.dmarcReports().isBlank() ? "postmaster@" + name : settings.dmarcReports().replace("{domain}", name);
        List<DnsRecord> records = new ArrayList<>();
        records.add(new DnsRecord(name, "MX", "10 " + mx, "mail for " + name + " goes to Postern (" + mx + " must have A/AAAA records)"));
        records.add(new DnsRecord(name, "TXT", "v=spf1 mx -all", "SPF (RFC 7208): only the MX host sends mail for " + name));
        for (DkimKey key : publishedKeys) {
            records.add(new DnsRecord(key.txtName(), "TXT", key.txtRecord(),
                "DKIM (RFC 6376) " + key.algorithm().tagValue() + " key, " + key.state() + describe(key)));
        }
        records.add(new DnsRecord("_dmarc." + name, "TXT",
            "v=DMARC1; p=" + settings.dmarcPolicy() + "; adkim=r; aspf=r; rua=mailto:" + rua,
            "DMARC (RFC 7489): aggregate reports to " + rua));
        return List.copyOf(records);
    }

    private static String describe(DkimKey key) {
        return switch (key.state()) {
            case NEXT -> ": publish now, activate once DNS serves it";
            case ACTIVE -> ": signs outbound mail";
            case RETIRED -> ": no longer signs, keep until the grace period ends";
        };
    }

    /** The records as a zone-file fragment. */
    public static String zone(List<DnsRecord> records, int ttl) {
        StringBuilder zone = new StringBuilder();
        records.forEach(record -> zone.append(record.zoneLines(ttl)).append('\n'));
        return zone.toString();
    }
}
