package dev.postern.sieve;

import java.util.List;

import org.apache.jsieve.mail.Action;

/**
 * Send a notification (RFC 5435 section 3). Only the mailto method (RFC 5436) is supported, so
 * {@link #method()} always parses as a {@link dev.postern.sieve.enotify.MailtoUri}.
 *
 * @param method     the notification URI, e.g. "mailto:alice@example.org?subject=New%20mail"
 * @param from       ":from", or null when the script gave none
 * @param importance ":importance" 1 (high), 2 (normal, the default) or 3 (low)
 * @param options    ":options" (method-specific; ignored by mailto)
 * @param message    ":message", or null for the method's default (RFC 5435 section 3.6)
 */
public record NotifyAction(String method, String from, int importance, List<String> options, String message)
        implements Action {
    public NotifyAction {
        options = List.copyOf(options);
    }
}
