package dev.postern.dmarc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DMARC policy record (RFC 7489 section 6.3; "np" from RFC 9091 section 4.1), with the
 * defaults of section 6.3 filled in.
 *
 * @param policy p: what to do with failing mail from the domain
 * @param subdomainPolicy sp: the same for subdomains that have no record of their own
 * @param nonExistentPolicy np (RFC 9091): the same for subdomains that do not exist
 * @param percent pct: the share of failing mail the policy applies to, 0 to 100
 * @param dkimAlignment adkim
 * @param spfAlignment aspf
 * @param aggregateReports rua: where aggregate reports go (invalid URIs dropped)
 * @param failureReports ruf: where failure reports go (invalid URIs dropped)
 * @param failureOptions fo: when to send failure reports ("0", "1", "d", "s")
 * @param reportInterval ri: seconds between aggregate reports
 * @param reportFormats rf: failure report formats
 * @param policyAssumed true when p (or sp) was missing or invalid and "p=none" was assumed
 *                      because rua named a valid address (section 6.6.3)
 */
public record DmarcRecord(Policy policy, Optional<Policy> subdomainPolicy, Optional<Policy> nonExistentPolicy,
                          int percent, Alignment dkimAlignment, Alignment spfAlignment,
                          List<ReportUri> aggregateReports, List<ReportUri> failureReports,
                          List<String> failureOptions, long reportInterval, List<String> reportFormats,
                          boolean policyAssumed) {

    /** The version tag value; "MUST match precisely" (section 6.3, "v"). */
    public static final String VERSION = "DMARC1";
    /** Section 6.3, "ri": one day between aggregate reports unless the record says otherwise. */
    public static final long DEFAULT_REPORT_INTERVAL = 86_400;
    private static final long UINT32_MAX = 4_294_967_295L;

    private static final Pattern VERSION_FIRST = Pattern.compile("^[ \\t]*v[ \\t]*=[ \\t]*DMARC1[ \\t]*(;.*)?$", Pattern.DOTALL);
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*"); // RFC 6376 tag-name, plus "-" so odd unknown tags are ignored, not fatal
    /** A tag's whole number: at most 10 digits, the width of a uint32 (RFC 7489 section 6.3). */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");
    private static final Pattern REPORT_URI = Pattern.compile("(.+?)(?:!([0-9]+)([kmgtKMGT])?)?");

    /** One rua/ruf destination (section 6.4, "dmarc-uri"): a URI and an optional size limit in bytes. */
    public record ReportUri(URI uri, OptionalLong maxSize) {

        /** dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ] (section 6.4); empty when invalid. */
        public static Optional<ReportUri> parse(String text) {
            Matcher matcher = REPORT_URI.matcher(text.strip());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(matcher.group(1));
                if (uri.getScheme() == null || uri.getSchemeSpecificPart().isEmpty()) {
                    return Optional.empty();
                }
                OptionalLong size = OptionalLong.empty();
                if (matcher.group(2) != null && matcher.group(2).length() <= 12) {
                    long unit = switch (matcher.group(3) == null ? "" : matcher.group(3).toLowerCase(Locale.ROOT)) {
                        case "k" -> 1L << 10;
                        case "m" -> 1L << 20;
                        case "g" -> 1L << 30;
                        case "t" -> 1L << 40;
                        default -> 1L;
                    };
                    size = OptionalLong.of(Long.parseLong(matcher.group(2)) * unit);
                }
                return Optional.of(new ReportUri(uri, size));
            } catch (URISyntaxException invalid) {
                return Optional.empty();
            }
        }

        /** The URI with its limit in bytes ("mailto:dmarc@example.com!10485760"): {@link #parse} reads it back. */
        public String text() {
            return uri + (maxSize.isPresent() ? "!" + maxSize.getAsLong() : "");
        }

        /** True for mailto: URIs, the only scheme RFC 7489 section 7.2.1 defines for reports. */
        public boolean isMailto() {
            return "mailto".equalsIgnoreCase(uri.getScheme());
        }
    }

    /** Thrown for records that must be ignored; the message says which tag is wrong and how. */
    public static final class InvalidRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRecordException(String message) {
            super(message);
        }
    }

    /** A record with only p set, and the defaults of section 6.3. */
    public static DmarcRecord of(Policy policy) {
        return new DmarcRecord(policy, Optional.empty(), Optional.empty(), 100, Alignment.RELAXED, Alignment.RELAXED,
            List.of(), List.of(), List.of("0"), DEFAULT_REPORT_INTERVAL, List.of("afrf"), false);
    }

    /**
     * True when a TXT record is meant as DMARC: it starts with "v=DMARC1" (section 6.6.3 step 2
     * discards the others).
     */
    public static boolean isDmarc(String txt) {
        return VERSION_FIRST.matcher(txt).matches();
    }

    /** The policy for the From domain: p when the record is its own, else sp, then p (section 6.6.3). */
    public Policy policyFor(boolean subdomain) {
        return subdomain ? subdomainPolicy.orElse(policy) : policy;
    }

    /**
     * Parses a record (section 6.4 syntax, tag=value pairs split by ";"). Unknown tags are
     * ignored (section 6.3).
     *
     * @throws InvalidRecordException when the record must be ignored (section 6.6.3)
     */
    public static DmarcRecord parse(String txt) throws InvalidRecordException {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : txt.split(";")) {
            String pair = part.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new InvalidRecordException("dmarc: '" + pair + "' is not tag=value");
            }
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            if (!TAG_NAME.matcher(name).matches()) {
                throw new InvalidRecordException("dmarc: '" + name + "' is not a tag name");
            }
            // Tag names compare case-insensitively; a tag twice makes the list invalid (RFC 6376 section 3.2).
            if (tags.put(name.toLowerCase(Locale.ROOT), value) != null) {
                throw new InvalidRecordException("dmarc: tag '" + name + "' appears twice");
            }
        }
        // Section 6.3, "v": first, and exactly "DMARC1".
        if (tags.isEmpty() || !tags.keySet().iterator().next().equals("v") || !VERSION.equals(tags.get("v"))) {
            throw new InvalidRecordException("dmarc: the record must begin with v=DMARC1");
        }
        List<ReportUri> rua = reportUris(tags.get("rua"));
        List<ReportUri> ruf = reportUris(tags.get("ruf"));
        Optional<Policy> p = Optional.ofNullable(tags.get("p")).flatMap(Policy::fromKeyword);
        Optional<Policy> sp = Optional.ofNullable(tags.get("sp")).flatMap(Policy::fromKeyword);
        boolean badSp = tags.containsKey("sp") && sp.isEmpty();
        boolean assumed = false;
        if (p.isEmpty() || badSp) {
            // Section 6.6.3: act as if p=none if rua names a valid URI; otherwise ignore the record.
            if (rua.isEmpty()) {
                throw new InvalidRecordException(tags.containsKey("p") && p.isPresent() ? "dmarc: sp=" + tags.get("sp")
                    + " is not none, quarantine or reject" : "dmarc: p= is missing or not none, quarantine or reject");
            }
            p = Optional.of(Policy.NONE);
            sp = Optional.empty();
            assumed = true;
        }
        // RFC 9091 section 4.1 adds np; a receiver that does not know a value treats it as absent.
        Optional<Policy> np = Optional.ofNullable(tags.get("np")).flatMap(Policy::fromKeyword);
        int pct = (int) number(tags, "pct", 100, 100);
        Alignment adkim = alignment(tags, "adkim");
        Alignment aspf = alignment(tags, "aspf");
        long ri = number(tags, "ri", DEFAULT_REPORT_INTERVAL, UINT32_MAX);
        List<String> fo = tags.containsKey("fo") ? colonList(tags.get("fo")).stream()
            .filter(option -> List.of("0", "1", "d", "s").contains(option)).toList() : List.of("0");
        List<String> rf = tags.containsKey("rf") ? colonList(tags.get("rf")) : List.of("afrf");
        return new DmarcRecord(p.get(), sp, np, pct, adkim, aspf, rua, ruf, fo.isEmpty() ? List.of("0") : fo, ri, rf, assumed);
    }

    private static long number(Map<String, String> tags, String name, long fallback, long max) throws InvalidRecordException {
        String value = tags.get(name);
        if (value == null) {
            return fallback;
        }
        if (!DIGITS.matcher(value).matches() || Long.parseLong(value) > max) {
            throw new InvalidRecordException("dmarc: " + name + "=" + value + " must be a whole number from 0 to " + max);
        }
        return Long.parseLong(value);
    }

    private static Alignment alignment(Map<String, String> tags, String name) throws InvalidRecordException {
        String value = tags.get(name);
        if (value == null) {
            return Alignment.RELAXED;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "r" -> Alignment.RELAXED;
            case "s" -> Alignment.STRICT;
            default -> throw new InvalidRecordException("dmarc: " + name + "=" + value + " must be r (relaxed) or s (strict)");
        };
    }

    private static List<String> colonList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(":")) {
            if (!item.isBlank()) {
                items.add(item.strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(items);
    }

    /** dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ] (section 6.4); invalid ones are dropped. */
    private static List<ReportUri> reportUris(String value) {
        if (value == null) {
            return List.of();
        }
        List<ReportUri> uris = new ArrayList<>();
        for (String item : value.split(",")) {
            // Section 6.4 leaves invalid URIs unused; the others still count.
            ReportUri.parse(item).ifPresent(uris::add);
        }
        return List.copyOf(uris);
    }
}
