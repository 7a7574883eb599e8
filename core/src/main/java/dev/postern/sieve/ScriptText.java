package dev.postern.sieve;

import java.util.Locale;

import dev.postern.sieve.variables.EncodedCharacter;

/**
 * Lexical clean-up before jSieve's parser sees a script.
 *
 * <ul>
 * <li>Line ends become CRLF: jSieve's multi-line rule (RFC 5228 section 2.4.2) expects CRLF.</li>
 * <li>Quoted strings: RFC 5228 section 2.4.2 lets "\" quote any character, but jSieve's lexer
 * only accepts \" and \\; strings are rewritten with only those two escapes.</li>
 * <li>Multi-line strings have no escapes (RFC 5228 section 2.4.2), but jSieve drops every "\"
 * in them, and drops the CRLF before the closing "."; each "\" is doubled and a CRLF added.</li>
 * <li>With "encoded-character" required, ${hex:..} and ${unicode:..} are decoded here, at parse
 * time, as RFC 5228 section 2.4.2.4 says, before any variable expansion.</li>
 * </ul>
 */
final class ScriptText {
    private ScriptText() {
    }

    static String prepare(String script) {
        String s = script.replace("\r\n", "\n").replace("\r", "\n");
        boolean encoded = requiresEncodedCharacter(s);
        StringBuilder out = new StringBuilder(s.length() + 64);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '#') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(s, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(s, i, end);
                i = end;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < n && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    value.append(s.charAt(j));
                    j++;
                }
                String v = encoded ? decodeEncoded(value.toString()) : value.toString();
                out.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                i = Math.min(j + 1, n);
            } else if ((c == 't' || c == 'T') && s.regionMatches(true, i, "text:", 0, 5)
                    && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_')) {
                int lineEnd = s.indexOf('\n', i);
                if (lineEnd < 0) {
                    out.append(s, i, n);
                    break;
                }
                out.append(s, i, lineEnd + 1);
                int j = lineEnd + 1;
                StringBuilder body = new StringBuilder();
                while (j < n) {
                    int e = s.indexOf('\n', j);
                    String line = e < 0 ? s.substring(j) : s.substring(j, e);
                    j = e < 0 ? n : e + 1;
                    if (line.equals(".")) {
                        String b = encoded ? decodeEncoded(body.toString()) : body.toString();
                        // jSieve cuts the last CRLF of the content with the terminating ".";
                        // RFC 5228 section 2.4.2 keeps it, so one more goes in.
                        out.append(b.replace("\\", "\\\\")).append("\n.\n");
                        body = null;
                        break;
                    }
                    body.append(line).append('\n');
                }
                if (body != null) {
                    out.append(body);
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().replace("\n", "\r\n");
    }

    private static boolean requiresEncodedCharacter(String s) {
        return s.toLowerCase(Locale.ROOT).contains("\"encoded-character\"");
    }

    /** RFC 5228 section 2.4.2.4: each valid ${hex:..} / ${unicode:..} becomes its characters. */
    static String decodeEncoded(String v) {
        StringBuilder out = new StringBuilder(v.length());
        int i = 0;
        while (true) {
            int start = v.indexOf("${", i);
            if (start < 0) {
                out.append(v, i, v.length());
                return out.toString();
            }
            out.append(v, i, start);
            int end = v.indexOf('}', start + 2);
            String decoded = end < 0 ? null : EncodedCharacter.decode(v.substring(start + 2, end));
            if (decoded == null) {
                out.append("${");
                i = start + 2;
            } else {
                out.append(decoded);
                i = end + 1;
            }
        }
    }
}
