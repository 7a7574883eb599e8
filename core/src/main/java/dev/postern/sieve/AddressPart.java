package dev.postern.sieve;

/** Which part of an address a test compares (RFC 5228 section 2.7.4, RFC 5233 section 4). */
public enum AddressPart {
    /** The whole address, local@domain. The default. */
    ALL,
    /** The part before the last "@". */
    LOCALPART,
    /** The part after the last "@". */
    DOMAIN,
    /** RFC 5233: the local part up to the first separator ("alice" in alice+lists). */
    USER,
    /** RFC 5233: the local part after the first separator; addresses without one do not match. */
    DETAIL;

    /** The part, or null when it does not exist (no detail in the address). */
    public String extract(String localPart, String domain, SubaddressConfig config) {
        String local = localPart == null ? "" : localPart;
        String dom = domain == null ? "" : domain;
        return switch (this) {
            case ALL -> dom.isEmpty() ? local : local + "@" + dom;
            case LOCALPART -> local;
            case DOMAIN -> dom;
            case USER -> {
                int i = config.separatorIndex(local);
                yield i < 0 ? local : local.substring(0, i);
            }
            case DETAIL -> {
                int i = config.separatorIndex(local);
                yield i < 0 ? null : local.substring(i + 1);
            }
        };
    }

    /** Splits "local@domain" at the last "@" and extracts; the empty string is the null path. */
    public String extract(String address, SubaddressConfig config) {
        if (address.isEmpty()) {
            return this == ALL ? "" : null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? extract(address, "", config)
            : extract(address.substring(0, at), address.substring(at + 1), config);
    }
}
