package dev.postern.scanlog;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What Postern decided about one message, for the scan log (OpenSearch index postern-scans-*):
 * when, which message, from where, the SPF/DKIM/DMARC results (RFC 8601 result words: pass,
 * fail, none, ...), the score, the action taken and the symbols that fired.
 */
public record ScanRecord(Instant time, String messageId, String envelopeSender, List<String> recipients,
                         String clientIp, String helo, String spf, String dkim, String dmarc,
                         double score, String action, List<String> symbols) {

    public ScanRecord {
        Objects.requireNonNull(time, "time");
        recipients = List.copyOf(recipients);
        symbols = List.copyOf(symbols);
        messageId = messageId == null ? "" : messageId;
        envelopeSender = envelopeSender == null ? "" : envelopeSender;
        clientIp = clientIp == null ? "" : clientIp;
        helo = helo == null ? "" : helo;
        spf = lower(spf);
        dkim = lower(dkim);
        dmarc = lower(dmarc);
        action = lower(action);
    }

    /** The domain of the envelope sender, lower case; empty for the null sender (bounces). */
    public String senderDomain() {
        int at = envelopeSender.lastIndexOf('@');
        return at < 0 ? "" : envelopeSender.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The client address, when there is one. */
    public Optional<String> clientAddress() {
        return clientIp.isEmpty() ? Optional.empty() : Optional.of(clientIp);
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
