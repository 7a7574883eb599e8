package dev.postern.sieve;

import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.mail.optional.EnvelopeAccessors;

/**
 * The message under evaluation, as the engine sees it: jSieve's {@link MailAdapter} (headers,
 * size, body, actions) and {@link EnvelopeAccessors} (RFC 5228 section 5.4), plus the mailbox
 * look-up that RFC 5490 section 3.1 ({@code mailboxexists}) needs.
 *
 * <p>{@link #getMatchingHeader(String)} must return unfolded header values with RFC 2047 encoded
 * words decoded (RFC 5228 section 2.7.2). {@link #getMatchingEnvelope(String)} returns the
 * address without angle brackets, and the empty string for the null reverse-path.
 */
public interface SieveMail extends MailAdapter, EnvelopeAccessors {

    /** RFC 5490 section 3.1: whether the user's mailbox exists (and could be filed into). */
    boolean mailboxExists(String mailboxName);

    /** The whole message as octets (header and body), for the body test (RFC 5173). */
    byte[] rawMessage() throws org.apache.jsieve.mail.SieveMailException;
}
