package dev.postern.score.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Domain name helpers shared by the rules. */
final class Domains {

    /**
     * Second-level labels under which registrations happen at the third level in two-letter
     * country domains (example.co.uk). A small stand-in for the Public Suffix List.
     */
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "net", "org", "ac", "gov", "edu", "ne", "or");

    private static final Pattern TRAILING_DOTS = Pattern.compile("\\.+$");
    private static final Pattern DOT = Pattern.compile("\\.");

    private Domains() {
    }

    /** The registered domain of {@code host}: "mail.shop.example.co.uk" gives "example.co.uk". */
    static String registered(String host) {
        String[] labels = DOT.split(TRAILING_DOTS.matcher(host.toLowerCase(Locale.ROOT)).replaceAll(""));
        if (labels.length < 2) {
            return String.join(".", labels);
        }
        int keep = labels.length >= 3 && labels[labels.length - 1].length() == 2
            && SECOND_LEVEL.contains(labels[labels.length - 2]) ? 3 : 2;
        return String.join(".", Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }
}
