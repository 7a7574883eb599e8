package dev.postern.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The DKIM part of an Authentication-Results header field (RFC 8601): one {@code dkim=} result
 * per signature, with the properties receivers and filters look at: header.d, header.s,
 * header.a (RFC 8601 section 2.7.1) and header.b (RFC 6008 section 4), and a reason when it did
 * not pass. A message without signatures gets {@code dkim=none}.
 */
public final class AuthenticationResults {

    public static final String HEADER_NAME = "Authentication-Results";

    private static final Pattern AUTHSERV_ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

    private AuthenticationResults() {
    }

    /**
     * The whole header field, folded, ending in CRLF, e.g.
     * <pre>
     * Authentication-Results: mail.example.org;
     *  dkim=pass header.d=example.com header.s=sel header.a=rsa-sha256 header.b=AbCdEfGh
     * </pre>
     *
     * @param authservId who checked (RFC 8601 section 2.5), usually this server's host name
     */
    public static String headerField(String authservId, List<SignatureResult> results) {
        checkAuthservId(authservId);
        List<String> resinfos = new ArrayList<>();
        if (results.isEmpty()) {
            resinfos.add("dkim=none");
        }
        for (SignatureResult result : results) {
            StringBuilder resinfo = new StringBuilder("dkim=").append(result.result().keyword());
            if (result.result() != DkimResult.PASS && !result.reason().isEmpty()) {
                resinfo.append(" reason=").append(quoted(result.reason()));
            }
            property(resinfo, "header.d", result.domain());
            property(resinfo, "header.i", result.identity());
            property(resinfo, "header.s", result.selector());
            property(resinfo, "header.a", result.algorithm());
            property(resinfo, "header.b", result.signaturePrefix());
            resinfos.add(resinfo.toString());
        }
        return HEADER_NAME + ": " + authservId + ";\r\n " + String.join(";\r\n ", resinfos) + "\r\n";
    }

    /**
     * Whether an existing Authentication-Results value claims to come from {@code authservId}:
     * such fields arriving from outside are forgeries and must be removed (RFC 8601 section 5).
     */
    public static boolean isFrom(String headerValue, String authservId) {
        String value = headerValue.strip();
        int end = 0;
        while (end < value.length() && ";( \t\r\n".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        return value.substring(0, end).equalsIgnoreCase(authservId);
    }

    /** @throws IllegalArgumentException when the id is not a host-name-like token */
    public static String checkAuthservId(String authservId) {
        if (authservId == null || !AUTHSERV_ID.matcher(authservId).matches()) {
            throw new IllegalArgumentException("authserv-id '" + authservId + "' must be a host name such as mail.example.org (RFC 8601 section 2.5)");
        }
        return authservId.toLowerCase(Locale.ROOT);
    }

    private static void property(StringBuilder resinfo, String name, String value) {
        if (value != null && !value.isEmpty()) {
            resinfo.append(' ').append(name).append('=').append(isToken(value) ? value : quoted(value));
        }
    }

    /** RFC 2045 token characters, plus "@" which RFC 8601 section 2.2 allows in pvalue. */
    private static boolean isToken(String value) {
        return value.chars().allMatch(c -> c > 32 && c < 127 && "()<>,;:\\\"/[]?= ".indexOf(c) < 0);
    }

    private static String quoted(String text) {
        return "\"" + text.replaceAll("[\\r\\n]+", " ").replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
