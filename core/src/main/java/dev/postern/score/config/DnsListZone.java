package dev.postern.score.config;

/**
 * A DNS blocklist: {@code symbol} is emitted when the reversed client IP (RBL) or a URL domain
 * (URIBL) has an A record under {@code zone}.
 */
public record DnsListZone(String symbol, String zone) {
}
