package dev.postern.subaddress;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which folder a subaddress detail files into: {@code INBOX.shop} for {@code me+Shop@...}, the
 * same as the Dovecot script {@code fileinto :create "INBOX.${subaddress}"} with
 * {@code set :lower}. A detail chosen by any sender must never name a folder outside the parent,
 * nor an existing special folder, so it is checked before it names anything:
 * <ul>
 *   <li>only the allowed characters (by default ASCII letters, digits, '-' and '_'): path
 *       delimiters ('.', '/'), "..", control characters, spaces and RFC 2047 encoded words
 *       ("=?utf-8?...") can never pass;</li>
 *   <li>at most {@code maxLength} characters;</li>
 *   <li>not a special-use name (RFC 6154) nor INBOX, whatever its case.</li>
 * </ul>
 */
public final class DetailFolders {

    public static final String DEFAULT_PARENT = "INBOX";
    /** James's mailbox hierarchy delimiter. */
    public static final char FOLDER_DELIMITER = '.';
    public static final String DEFAULT_ALLOWED_CHARACTERS = "[A-Za-z0-9_-]";
    /** Long enough for any tag people hand out; short enough for every IMAP client's folder list. */
    public static final int DEFAULT_MAX_LENGTH = 64;
    /** INBOX and the special-use folders of RFC 6154 section 2, compared case-insensitively. */
    static final Set<String> RESERVED = Set.of("inbox", "trash", "sent", "drafts", "junk", "spam", "archive",
        "all", "flagged", "outbox", "templates");

    /** The folder to file into, or why there is none (the mail then stays in the parent). */
    public sealed interface Decision permits Folder, Refused {
    }

    public record Folder(String name) implements Decision {
    }

    public record Refused(String reason) implements Decision {
    }

    private final String parent;
    private final boolean lowerCase;
    private final Pattern allowedCharacter;
    private final int maxLength;

    private DetailFolders(String parent, boolean lowerCase, Pattern allowedCharacter, int maxLength) {
        this.parent = parent;
        this.lowerCase = lowerCase;
        this.allowedCharacter = allowedCharacter;
        this.maxLength = maxLength;
    }

    public static DetailFolders defaults() {
        return of(DEFAULT_PARENT, true, DEFAULT_ALLOWED_CHARACTERS, DEFAULT_MAX_LENGTH);
    }

    /**
     * @param parent the folder the detail folders are created in, e.g. "INBOX"
     * @param lowerCase whether "Shop" and "shop" file into the same folder "shop"
     * @param allowedCharacters a regular expression matching one allowed character, e.g. "[a-z0-9-]"
     * @param maxLength the longest detail that names a folder
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static DetailFolders of(String parent, boolean lowerCase, String allowedCharacters, int maxLength) {
        Objects.requireNonNull(parent, "parent");
        if (parent.isEmpty() || parent.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("parent folder: give a folder name such as INBOX");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum detail length: give a positive number, not " + maxLength);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(allowedCharacters);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("allowed characters: '" + allowedCharacters
                + "' is not a regular expression (" + e.getDescription() + "); write a class such as [a-z0-9_-]", e);
        }
        for (char forbidden : new char[] {FOLDER_DELIMITER, '/', ' ', '\r', '\n', '\0', '*', '%'}) {
            if (pattern.matcher(String.valueOf(forbidden)).matches()) {
                throw new IllegalArgumentException("allowed characters: '" + allowedCharacters + "' allows '"
                    + (forbidden < ' ' ? String.format("\\u%04x", (int) forbidden) : String.valueOf(forbidden))
                    + "', which would let a sender name folders outside " + parent);
            }
        }
        return new DetailFolders(parent, lowerCase, pattern, maxLength);
    }

    public String parent() {
        return parent;
    }

    public Decision folderFor(String detail) {
        if (detail.isEmpty()) {
            return new Refused("the detail is empty");
        }
        if (detail.length() > maxLength) {
            return new Refused("the detail is longer than " + maxLength + " characters");
        }
        String normalized = lowerCase ? detail.toLowerCase(Locale.ROOT) : detail;
        for (int i = 0; i < normalized.length(); i++) {
            String character = String.valueOf(normalized.charAt(i));
            if (!allowedCharacter.matcher(character).matches()) {
                return new Refused("the detail contains a character not allowed in folder names: "
                    + printable(normalized.charAt(i)));
            }
        }
        if (RESERVED.contains(normalized.toLowerCase(Locale.ROOT))) {
            return new Refused("'" + normalized + "' is a reserved folder name");
        }
        return new Folder(parent + FOLDER_DELIMITER + normalized);
    }

    private static String printable(char c) {
        return c < ' ' || c == 0x7f || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
