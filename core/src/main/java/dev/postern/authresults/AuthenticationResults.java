package dev.postern.authresults;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the value of one Authentication-Results field (RFC 8601 section 2.2):
 *
 * <pre>{@code
 * String value = AuthenticationResults.builder("mx.example.net")
 *     .add(MethodResult.spf(spfVerdict))
 *     .add(MethodResult.dkim("pass", "example.com", "sel1", "rsa-sha256", signatureB))
 *     .add(MethodResult.dmarc(dmarcVerdict))
 *     .value();
 * // mx.example.net; spf=pass smtp.mailfrom=alice@example.com; dkim=pass header.d=example.com ...
 * }</pre>
 */
public final class AuthenticationResults {

    public static final String NAME = "Authentication-Results";

    /** RFC 2045 section 5.1 token: no SPACE, CTLs or tspecials ()<>@,;:\"/[]?= */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.0-9A-Z^_`a-z{|}~]+");
    /** RFC 5322 dot-atom-text, for the local-part of an unquoted pvalue. */
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");
    /** A value stays on one line: runs of line ends become one space. */
    private static final Pattern LINE_ENDS = Pattern.compile("[\\r\\n]+");
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(/[0-9]+)?");

    private final String authservId;
    private final List<MethodResult> results;

    private AuthenticationResults(String authservId, List<MethodResult> results) {
        this.authservId = authservId;
        this.results = List.copyOf(results);
    }

    public static Builder builder(String authservId) {
        return new Builder(authservId);
    }

    /** One line: "authserv-id; method=result prop=value; ..." or "authserv-id; none". */
    public String value() {
        return render("; ");
    }

    /** The same, folded after each ";" with CRLF and a tab, for long fields (RFC 5322 section 2.2.3). */
    public String foldedValue() {
        return render(";\r\n\t");
    }

    /** "Authentication-Results: " and the one-line value. */
    public String header() {
        return NAME + ": " + value();
    }

    private String render(String separator) {
        StringBuilder out = new StringBuilder(value(authservId));
        if (results.isEmpty()) {
            // RFC 8601 section 2.2: no-result = [CFWS] ";" [CFWS] "none"
            return out.append(separator).append("none").toString();
        }
        for (MethodResult result : results) {
            out.append(separator).append(result.method()).append('=').append(result.result());
            result.comment().ifPresent(comment -> out.append(" (").append(escapeComment(comment)).append(')'));
            result.reason().ifPresent(reason -> out.append(" reason=").append(quoted(reason)));
            for (MethodResult.Property property : result.properties()) {
                out.append(' ').append(property.type()).append('.').append(property.name()).append('=')
                    .append(pvalue(property.value()));
            }
        }
        return out.toString();
    }

    /** value = token / quoted-string (RFC 2045 section 5.1, RFC 5322 section 3.2.4). */
    static String value(String text) {
        return TOKEN.matcher(text).matches() ? text : quoted(text);
    }

    /** pvalue = value / [ [ local-part ] "@" ] domain-name (RFC 8601 section 2.2). */
    static String pvalue(String text) {
        if (TOKEN.matcher(text).matches()) {
            return text;
        }
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            String local = text.substring(0, at);
            String domain = text.substring(at + 1);
            if ((local.isEmpty() || DOT_ATOM.matcher(local).matches()) && DOMAIN.matcher(domain).matches()) {
                return text;
            }
        }
        return quoted(text);
    }

    static String quoted(String text) {
        return '"' + LINE_ENDS.matcher(text).replaceAll(" ").replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String escapeComment(String text) {
        return LINE_ENDS.matcher(text).replaceAll(" ").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    }

    public static final class Builder {
        private final String authservId;
        private final List<MethodResult> results = new ArrayList<>();

        private Builder(String authservId) {
            if (authservId == null || authservId.isBlank()) {
                throw new IllegalArgumentException("authserv-id is empty; use this host's name, e.g. mx.example.net (RFC 8601 section 2.5)");
            }
            this.authservId = authservId.trim();
        }

        /**
         * @throws IllegalArgumentException when the method, result or a property name is not a
         *         keyword (RFC 8601 section 2.2), saying which
         */
        public Builder add(MethodResult result) {
            Objects.requireNonNull(result);
            requireKeyword(result.method(), "method");
            requireKeyword(result.result(), "result");
            for (MethodResult.Property property : result.properties()) {
                requireKeyword(property.type(), "ptype");
                requireKeyword(property.name(), "property");
            }
            results.add(result);
            return this;
        }

        private static void requireKeyword(String text, String what) {
            if (!KEYWORD.matcher(text).matches()) {
                throw new IllegalArgumentException(what + " '" + text
                    + "' is not a keyword: use letters, digits and inner hyphens (RFC 8601 section 2.2)");
            }
        }

        public AuthenticationResults build() {
            return new AuthenticationResults(authservId, results);
        }

        /** Shortcut for build().value(). */
        public String value() {
            return build().value();
        }
    }
}
