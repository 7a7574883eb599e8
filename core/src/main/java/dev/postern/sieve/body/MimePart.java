package dev.postern.sieve.body;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One MIME entity (RFC 2045 section 2.4): its header block, content type and body, with the
 * children of a multipart (RFC 2046 section 5.1) or the message inside a message/rfc822.
 * Octets are held as ISO-8859-1 strings (one char per octet) until a body is decoded.
 */
public final class MimePart {

    /** RFC 2046 section 5.1.1: nesting deeper than this is not descended into (guards stacks). */
    public static final int NESTING_MAX = 32;

    /** RFC 2045 section 6.1: the transfer encodings. */
    private static final java.util.Set<String> KNOWN_ENCODINGS =
        java.util.Set.of("7bit", "8bit", "binary", "base64", "quoted-printable");

    private final String headerBlock;
    private final String body;
    private final String type;
    private final Map<String, String> params;
    private final String transferEncoding;
    private final List<MimePart> children = new ArrayList<>();
    private String preamble = "";
    private String epilogue = "";

    private MimePart(String headerBlock, String body, String defaultType, int depth) {
        this.headerBlock = headerBlock;
        this.body = body;
        Map<String, String> headers = headers(headerBlock);
        String ct = headers.get("content-type");
        Map<String, String> p = new LinkedHashMap<>();
        String t = ct == null ? defaultType : parseContentType(ct, p);
        if (t == null || !t.matches("[a-z0-9!#$%&'*+.^_`{|}~-]+/[a-z0-9!#$%&'*+.^_`{|}~-]+")) {
            // RFC 2045 section 5.2: a syntactically bad Content-Type is treated as opaque data.
            t = ct == null ? "text/plain" : "application/octet-stream";
        }
        String cte = headers.get("content-transfer-encoding");
        this.transferEncoding = cte == null ? "7bit" : cte.strip().toLowerCase(Locale.ROOT);
        if (!KNOWN_ENCODINGS.contains(transferEncoding)) {
            // RFC 2045 section 6.4: an unknown transfer encoding makes the part opaque.
            t = "application/octet-stream";
        }
        this.type = t;
        this.params = p;
        if (depth < NESTING_MAX) {
            if (type.startsWith("multipart/") && params.containsKey("boundary")) {
                splitMultipart(params.get("boundary"), depth);
            } else if (type.equals("message/rfc822")) {
                children.add(parse(body, depth + 1, "text/plain"));
            }
        }
    }

    /** Parses a whole message given as octets. */
    public static MimePart parse(byte[] message) {
        return parse(new String(message, StandardCharsets.ISO_8859_1), 0, "text/plain");
    }

    private static MimePart parse(String entity, int depth, String defaultType) {
        // RFC 2045 section 2.4 / RFC 5322 section 2.1: header, an empty line, then the body.
        if (entity.startsWith("\r\n")) {
            return new MimePart("", entity.substring(2), defaultType, depth);
        }
        if (entity.startsWith("\n")) {
            return new MimePart("", entity.substring(1), defaultType, depth);
        }
        int crlf = entity.indexOf("\r\n\r\n");
        int lf = entity.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            return new MimePart(entity.substring(0, crlf + 2), entity.substring(crlf + 4), defaultType, depth);
        }
        if (lf >= 0) {
            return new MimePart(entity.substring(0, lf + 1), entity.substring(lf + 2), defaultType, depth);
        }
        return new MimePart(entity, "", defaultType, depth);
    }

    private void splitMultipart(String boundary, int depth) {
        String delimiter = "--" + boundary;
        List<int[]> lines = new ArrayList<>(); // [start of delimiter line incl. preceding CRLF, end of line, closing?]
        int pos = 0;
        while (pos <= body.length()) {
            int eol = body.indexOf('\n', pos);
            int lineEnd = eol < 0 ? body.length() : eol + 1;
            String line = body.substring(pos, lineEnd).replaceAll("[\r\n]+$", "");
            if (line.startsWith(delimiter)) {
                String rest = line.substring(delimiter.length());
                boolean closing = rest.startsWith("--");
                if (closing || rest.isBlank()) {
                    int before = pos;
                    if (before >= 2 && body.startsWith("\r\n", before - 2)) {
                        before -= 2;
                    } else if (before >= 1 && body.charAt(before - 1) == '\n') {
                        before -= 1;
                    }
                    lines.add(new int[] {Math.max(before, 0), lineEnd, closing ? 1 : 0});
                    if (closing) {
                        break;
                    }
                }
            }
            if (eol < 0) {
                break;
            }
            pos = lineEnd;
        }
        if (lines.isEmpty()) {
            preamble = body;
            return;
        }
        preamble = body.substring(0, lines.get(0)[0]);
        String childType = type.equals("multipart/digest") ? "message/rfc822" : "text/plain";
        for (int i = 0; i < lines.size(); i++) {
            int[] d = lines.get(i);
            if (d[2] == 1) {
                epilogue = body.substring(Math.min(d[1], body.length()));
                return;
            }
            int end = i + 1 < lines.size() ? lines.get(i + 1)[0] : body.length();
            children.add(parse(body.substring(d[1], Math.max(d[1], end)), depth + 1, childType));
        }
    }

    /** Header fields unfolded, lower-case names, first occurrence. */
    static Map<String, String> headers(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        String unfolded = block.replaceAll("\r?\n[ \t]", " ");
        for (String line : unfolded.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    /** RFC 2045 section 5.1: type/subtype lower-cased; parameters into {@code params}. */
    static String parseContentType(String value, Map<String, String> params) {
        String[] parts = value.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                String v = parts[i].substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                params.put(parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT), v);
            }
        }
        return parts[0].strip().toLowerCase(Locale.ROOT);
    }

    public String type() {
        return type;
    }

    public List<MimePart> children() {
        return children;
    }

    public boolean isMultipart() {
        return type.startsWith("multipart/");
    }

    public boolean isMessage() {
        return type.equals("message/rfc822");
    }

    /** The body octets as they are (RFC 5173 :raw), read as UTF-8. */
    public String rawBody() {
        return new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** The header block, as octets read as UTF-8, ending with its last line's CRLF. */
    public String headerText() {
        return new String(headerBlock.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public String preamble() {
        return new String(preamble.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public String epilogue() {
        return new String(epilogue.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** RFC 2045 section 6: the body with its transfer encoding undone, in its charset. */
    public String decodedBody() {
        byte[] octets;
        switch (transferEncoding) {
            case "base64" -> {
                try {
                    octets = Base64.getMimeDecoder().decode(body.replaceAll("[^A-Za-z0-9+/=]", ""));
                } catch (IllegalArgumentException e) {
                    octets = body.getBytes(StandardCharsets.ISO_8859_1);
                }
            }
            case "quoted-printable" -> octets = quotedPrintable(body);
            default -> octets = body.getBytes(StandardCharsets.ISO_8859_1);
        }
        Charset charset = StandardCharsets.UTF_8;
        String name = params.get("charset");
        if (name != null) {
            try {
                charset = name.equalsIgnoreCase("us-ascii") ? StandardCharsets.UTF_8 : Charset.forName(name);
            } catch (RuntimeException unknown) {
                charset = StandardCharsets.UTF_8;
            }
        }
        return new String(octets, charset);
    }

    private static byte[] quotedPrintable(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (s.startsWith("\r\n", i + 1)) {
                    i += 2;
                    continue;
                }
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i += 1;
                    continue;
                }
                if (i + 2 < s.length()) {
                    int hi = Character.digit(s.charAt(i + 1), 16);
                    int lo = Character.digit(s.charAt(i + 2), 16);
                    if (hi >= 0 && lo >= 0) {
                        out.write(hi * 16 + lo);
                        i += 2;
                        continue;
                    }
                }
            }
            out.write(c & 0xff);
        }
        return out.toByteArray();
    }
}
