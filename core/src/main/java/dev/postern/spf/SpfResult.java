package dev.postern.spf;

import java.util.Locale;

/** The seven results of check_host() (RFC 7208 section 2.6). */
public enum SpfResult {
    /** No SPF record, or no valid domain to check (section 2.6.1). */
    NONE,
    /** The domain states nothing about the client: "?" matched, or nothing did (section 2.6.2). */
    NEUTRAL,
    /** The client is authorized to use the domain (section 2.6.3). */
    PASS,
    /** The client is explicitly not authorized: "-" matched (section 2.6.4). */
    FAIL,
    /** The client is probably not authorized, a weak "~" statement (section 2.6.5). */
    SOFTFAIL,
    /** A transient DNS error; a later retry may succeed (section 2.6.6). */
    TEMPERROR,
    /** The domain's records could not be interpreted: syntax error or a limit exceeded (section 2.6.7). */
    PERMERROR;

    /** The lowercase name used in Received-SPF and Authentication-Results ("softfail"). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a result keyword case-insensitively ("Pass", "permerror"). */
    public static SpfResult fromKeyword(String keyword) {
        return valueOf(keyword.trim().toUpperCase(Locale.ROOT));
    }
}
