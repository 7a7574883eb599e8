package dev.postern.zone;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One record to publish.
 *
 * @param name owner name, fully qualified, without the trailing dot
 * @param type MX or TXT
 * @param value the record data as it is meant: for MX "10 mail.example.org", for TXT the whole text
 * @param comment why the record is there, for people
 */
public record DnsRecord(String name, String type, String value, String comment) {

    /** A character-string holds at most 255 octets (RFC 1035 section 3.3); longer TXT data is split. */
    public static final int MAX_STRING = 255;

    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * The record as a zone-file line with a comment line before it, e.g.
     * {@code sel._domainkey.example.org. 3600 IN TXT ( "v=DKIM1; k=rsa; p=MIIB..." "...QAB" )}.
     */
    public String zoneLines(int ttl) {
        String data = switch (type) {
            case "TXT" -> txtData(value);
            case "MX" -> mxData(value);
            default -> value;
        };
        return "; " + comment + "\n" + name + ". " + ttl + " IN " + type + " " + data;
    }

    private static String mxData(String value) {
        return value.endsWith(".") ? value : value + ".";
    }

    private static String txtData(String value) {
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < value.length(); start += MAX_STRING) {
            strings.add("\"" + value.substring(start, Math.min(value.length(), start + MAX_STRING)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return strings.size() == 1 ? strings.get(0) : "( " + String.join(" ", strings) + " )";
    }
}
