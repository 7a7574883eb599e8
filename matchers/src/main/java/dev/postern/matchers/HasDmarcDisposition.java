package dev.postern.matchers;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.postern.dmarc.Policy;
import dev.postern.inbound.AuthenticationAttributes;

/**
 * Matches mail whose DMARC disposition is one of the listed words: none, quarantine (reject is
 * refused during SMTP and never reaches a matcher). The disposition is the policy of the From
 * domain for failing mail after pct sampling, lowered to none for trusted forwarders and when DNS
 * failed.
 * <pre>{@code
 * <mailet match="dev.postern.matchers.HasDmarcDisposition=quarantine" class="dev.postern.mailets.FileIntoJunk"/>
 * }</pre>
 */
public class HasDmarcDisposition extends AttributeIsOneOf {

    public HasDmarcDisposition() {
        super(AuthenticationAttributes.DMARC_DISPOSITION,
            Arrays.stream(Policy.values()).map(Policy::keyword).collect(Collectors.toSet()));
    }
}
