package dev.postern.dkim;

/**
 * A tag-list, DKIM-Signature or key record that does not follow the RFC 6376 grammar. The message
 * says which tag is wrong and what it should look like.
 */
public class DkimSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public DkimSyntaxException(String message) {
        super(message);
    }
}
