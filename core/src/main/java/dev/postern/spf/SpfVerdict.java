package dev.postern.spf;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What one SPF check found.
 *
 * @param result the check_host() result
 * @param identity which identity was checked (RFC 7208 section 2.3 and 2.4)
 * @param domain the domain whose policy was evaluated: the MAIL FROM domain, or the HELO name
 * @param sender the &lt;sender&gt; of check_host(): the MAIL FROM address, or postmaster@ the HELO name
 * @param ip the SMTP client's address
 * @param helo the HELO/EHLO name as the client gave it, empty if none
 * @param explanation for {@link SpfResult#FAIL}, the domain's exp= text if it gave one (section 6.2)
 * @param mechanism the directive that decided, as written ("-all", "include:_spf.example.com")
 * @param problem for errors, what went wrong
 */
public record SpfVerdict(SpfResult result, Identity identity, String domain, String sender, InetAddress ip,
                         String helo, Optional<String> explanation, Optional<String> mechanism,
                         Optional<String> problem) {

    /** The identity that was checked, as Received-SPF names it (RFC 7208 section 9.1). */
    public enum Identity {
        /** MAIL FROM, or postmaster@HELO when the reverse-path is null (section 2.4). */
        MAILFROM("mailfrom"),
        /** The HELO/EHLO name (section 2.3). */
        HELO("helo");

        private final String keyword;

        Identity(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** The Received-SPF field value (RFC 7208 section 9.1), with {@code receiver} as the checking host. */
    public String receivedSpf(String receiver) {
        return ReceivedSpf.value(this, receiver);
    }
}
