package dev.postern.score.message;

/** One header field as received: name, and the value unfolded (RFC 5322 section 2.2.3) but not decoded. */
public record Header(String name, String value) {
}
