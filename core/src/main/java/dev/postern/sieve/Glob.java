package dev.postern.sieve;

import java.util.regex.Pattern;

/**
 * RFC 5228 section 2.7.1 wildcards as a java.util.regex pattern: "*" any sequence, "?" one
 * character, "\" quotes the next character. Each wildcard is a capture group so that RFC 5229
 * section 3.2 match variables ${1}.. are the groups; "*" matches as little as possible, which
 * gives the left-to-right shortest assignment that section describes.
 */
public final class Glob {
    private Glob() {
    }

    public static Pattern compile(String glob, int flags) {
        StringBuilder re = new StringBuilder(glob.length() * 2);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                literal.append(glob.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? "(.*?)" : "(.)");
            } else if (c == '\\') {
                literal.append(c);
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), flags);
    }
}
