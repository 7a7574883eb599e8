package dev.postern.sieve.enotify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed mailto URI (RFC 6068) as a Sieve notification method (RFC 5436 section 2).
 *
 * @param recipients To and Cc addresses from the path and the "to"/"cc" header fields
 * @param subject    the "subject" header field, or null
 * @param body       the "body" pseudo header field, or null
 * @param headers    other header fields, lower-case names, minus the unsafe ones of RFC 5436 2.3
 */
public record MailtoUri(List<String> recipients, String subject, String body, Map<String, String> headers) {

    public static final String SCHEME = "mailto:";

    /** RFC 5436 section 2.3: header fields a script must not set; they are dropped. */
    public static final Set<String> UNSAFE_HEADERS = Set.of(
        "auto-submitted", "received", "return-path", "from", "sender", "reply-to", "message-id",
        "date", "resent-from", "resent-to", "resent-date", "resent-message-id", "resent-sender",
        "resent-cc", "resent-bcc", "bcc", "content-type", "content-transfer-encoding", "mime-version");

    /** Why a URI is not a usable mailto method. */
    public static final class InvalidMailtoException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidMailtoException(String message) {
            super("enotify: " + message);
        }
    }

    public static boolean isMailto(String uri) {
        return uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    public static MailtoUri parse(String uri) throws InvalidMailtoException {
        if (!isMailto(uri)) {
            int colon = uri.indexOf(':');
            throw new InvalidMailtoException("notification method \""
                + (colon < 0 ? uri : uri.substring(0, colon)) + "\" is not supported; only mailto: is");
        }
        String rest = uri.substring(SCHEME.length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        List<String> recipients = new ArrayList<>();
        addAddresses(recipients, decode(path), uri);
        String subject = null;
        String body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        if (q >= 0) {
            for (String field : rest.substring(q + 1).split("&")) {
                if (field.isEmpty()) {
                    continue;
                }
                int eq = field.indexOf('=');
                if (eq < 0) {
                    throw new InvalidMailtoException("header field \"" + field + "\" in \"" + uri + "\" has no '='");
                }
                String name = decode(field.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = decode(field.substring(eq + 1));
                if (!isFieldName(name)) {
                    throw new InvalidMailtoException("\"" + name + "\" in \"" + uri + "\" is not a header field name");
                }
                switch (name) {
                    case "to", "cc" -> addAddresses(recipients, value, uri);
                    case "subject" -> subject = value;
                    case "body" -> body = value;
                    default -> {
                        if (!UNSAFE_HEADERS.contains(name)) {
                            headers.put(name, value);
                        }
                    }
                }
            }
        }
        if (recipients.isEmpty()) {
            throw new InvalidMailtoException("\"" + uri + "\" names no recipient");
        }
        return new MailtoUri(List.copyOf(recipients), subject, body, headers);
    }

    private static void addAddresses(List<String> out, String list, String uri) throws InvalidMailtoException {
        for (String a : list.split(",")) {
            String address = a.strip();
            if (address.isEmpty()) {
                continue;
            }
            int lt = address.indexOf('<');
            if (lt >= 0 && address.endsWith(">")) {
                address = address.substring(lt + 1, address.length() - 1).strip();
            }
            if (!isAddress(address)) {
                throw new InvalidMailtoException("\"" + address + "\" in \"" + uri + "\" is not an address local@domain");
            }
            out.add(address);
        }
    }

    /** RFC 5322 section 3.6.8 field-name: printable US-ASCII except ":". */
    private static boolean isFieldName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 section 3.4.1 addr-spec, dot-atom or quoted local part, dot-atom domain. */
    public static boolean isAddress(String s) {
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return false;
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        boolean localOk = (local.startsWith("\"") && local.endsWith("\"") && local.length() >= 2)
            || isDotAtom(local);
        boolean domainOk = isDotAtom(domain) || (domain.startsWith("[") && domain.endsWith("]"));
        return localOk && domainOk;
    }

    private static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0 || c > 127;
            if (!atext) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 section 2.1 percent-decoding into UTF-8. */
    static String decode(String s) throws InvalidMailtoException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new InvalidMailtoException("truncated %-escape in \"" + s + "\"");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidMailtoException("bad %-escape in \"" + s + "\"");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
