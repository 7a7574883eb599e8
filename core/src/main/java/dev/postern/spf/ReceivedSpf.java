package dev.postern.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Received-SPF header field (RFC 7208 section 9.1), which records an SPF result in the
 * message:
 *
 * <pre>
 * Received-SPF: pass (mx.example.net: domain of alice@example.com designates 192.0.2.1 as permitted sender)
 *     client-ip=192.0.2.1; envelope-from="alice@example.com"; helo=mail.example.com;
 *     receiver=mx.example.net; identity=mailfrom; mechanism="ip4:192.0.2.0/24"
 * </pre>
 */
public final class ReceivedSpf {

    public static final String NAME = "Received-SPF";

    /** What a comment's text escapes (RFC 5322 section 3.2.2): the backslash and parentheses. */
    private static final Pattern COMMENT_SPECIALS = Pattern.compile("[\\\\()]");
    /** What a quoted-string escapes (RFC 5322 section 3.2.4): the backslash and the quote. */
    private static final Pattern QUOTED_SPECIALS = Pattern.compile("[\\\\\"]");
    /** Line ends: a field value stays on its logical line. */
    private static final Pattern LINE_ENDS = Pattern.compile("[\\r\\n]");
    /** dot-atom-text of RFC 5322 section 3.2.3; other values are quoted. */
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private ReceivedSpf() {
    }

    /** The field value, without "Received-SPF: " and unfolded. */
    public static String value(SpfVerdict verdict, String receiver) {
        StringBuilder out = new StringBuilder(verdict.result().keyword());
        out.append(" (").append(comment(comment(verdict, receiver))).append(')');
        List<String> pairs = new ArrayList<>();
        pairs.add("client-ip=" + quoted(MacroString.readable(verdict.ip())));
        if (verdict.identity() == SpfVerdict.Identity.MAILFROM) {
            pairs.add("envelope-from=" + quoted(verdict.sender()));
        }
        if (!verdict.helo().isEmpty()) {
            pairs.add("helo=" + quoted(verdict.helo()));
        }
        pairs.add("receiver=" + quoted(receiver));
        pairs.add("identity=" + verdict.identity().keyword());
        verdict.mechanism().ifPresent(mechanism -> pairs.add("mechanism=" + quoted(mechanism)));
        verdict.problem().ifPresent(problem -> pairs.add("problem=" + quoted(problem)));
        out.append(' ').append(String.join("; ", pairs));
        return out.toString();
    }

    /** The whole field, "Received-SPF: ...". */
    public static String header(SpfVerdict verdict, String receiver) {
        return NAME + ": " + value(verdict, receiver);
    }

    /** The comment wordings that libspf2 and pyspf use, so that people and filters recognise them. */
    private static String comment(SpfVerdict verdict, String receiver) {
        String who = verdict.identity() == SpfVerdict.Identity.HELO ? verdict.domain() : verdict.sender();
        String ip = MacroString.readable(verdict.ip());
        return receiver + ": " + switch (verdict.result()) {
            case PASS -> "domain of " + who + " designates " + ip + " as permitted sender";
            case FAIL -> "domain of " + who + " does not designate " + ip + " as permitted sender";
            case SOFTFAIL -> "domain of transitioning " + who + " does not designate " + ip + " as permitted sender";
            case NEUTRAL -> ip + " is neither permitted nor denied by domain of " + who;
            case NONE -> "domain of " + who + " does not designate permitted sender hosts";
            case TEMPERROR -> "error in processing during lookup of " + who + ": " + verdict.problem().orElse("DNS error");
            case PERMERROR -> "permanent error in processing domain of " + who + ": " + verdict.problem().orElse("bad record");
        };
    }

    /** Escapes what may not stand bare in a comment (RFC 5322 section 3.2.2, ctext). */
    private static String comment(String text) {
        return LINE_ENDS.matcher(COMMENT_SPECIALS.matcher(text).replaceAll("\\\\$0")).replaceAll(" ");
    }

    /** key-value-pair = key [CFWS] "=" ( dot-atom / quoted-string ) (RFC 7208 section 9.1). */
    static String quoted(String value) {
        if (DOT_ATOM.matcher(value).matches()) {
            return value;
        }
        return '"' + LINE_ENDS.matcher(QUOTED_SPECIALS.matcher(value).replaceAll("\\\\$0")).replaceAll(" ") + '"';
    }
}
