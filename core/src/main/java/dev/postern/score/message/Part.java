package dev.postern.score.message;

import java.util.Optional;

/**
 * One leaf of the MIME tree.
 *
 * @param mimeType lower case, e.g. "text/plain"
 * @param filename the attachment name (Content-Disposition filename or Content-Type name), decoded
 * @param text the decoded text for text/* parts, empty otherwise
 */
public record Part(String mimeType, Optional<String> filename, String text) {

    public boolean isText() {
        return mimeType.equals("text/plain");
    }

    public boolean isHtml() {
        return mimeType.equals("text/html");
    }
}
