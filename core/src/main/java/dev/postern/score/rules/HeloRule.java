package dev.postern.score.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * rspamd's hfilter HELO checks: HFILTER_HELO_BAREIP when the client greets with an address not
 * written as an address literal (RFC 5321 section 4.1.3 requires "[192.0.2.1]"),
 * HFILTER_HELO_NOT_FQDN when the name has no dot (RFC 5321 section 4.1.1.1 asks for the FQDN).
 * Only for SMTP clients that did not authenticate: submission clients greet as they like.
 */
public final class HeloRule implements Rule {

    private static final Pattern TRAILING_DOTS = Pattern.compile("\\.+$");
    private static final Pattern BARE_IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    @Override
    public List<Hit> check(RuleInput input) {
        String helo = input.context().helo().trim();
        if (input.context().clientIp().isEmpty() || input.context().authenticatedUser().isPresent() || helo.isEmpty()
            || helo.startsWith("[")) {
            return List.of();
        }
        if (BARE_IP.matcher(helo).matches()) {
            return List.of(Hit.of("HFILTER_HELO_BAREIP", helo));
        }
        if (!TRAILING_DOTS.matcher(helo).replaceAll("").contains(".")) {
            return List.of(Hit.of("HFILTER_HELO_NOT_FQDN", helo));
        }
        return List.of();
    }
}
