package dev.postern.score.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.postern.score.Action;

/**
 * GTUBE, the Generic Test for Unsolicited Bulk Email (SpamAssassin): a message containing the
 * string is rejected, as rspamd does, so an administrator can test the whole path.
 */
public final class GtubeRule implements Rule {

    /** The string as SpamAssassin publishes it. */
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private static final byte[] PATTERN = GTUBE.getBytes(StandardCharsets.US_ASCII);

    @Override
    public List<Hit> check(RuleInput input) {
        return contains(input.message().raw(), PATTERN) ? List.of(Hit.forcing("GTUBE", Action.REJECT)) : List.of();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
