package dev.postern.matchers;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.postern.dmarc.DmarcResult;
import dev.postern.inbound.AuthenticationAttributes;

/**
 * Matches mail whose DMARC result (RFC 7489 section 11.2, as {@code dev.postern.smtp.AuthenticationHook}
 * found it at the end of DATA) is one of the listed words: none, pass, fail, temperror, permerror.
 * <pre>{@code
 * <mailet match="dev.postern.matchers.HasDmarcResult=fail" class="ToRepository">
 *     <repositoryPath>memory://var/mail/dmarc-fail/</repositoryPath>
 *     <passThrough>true</passThrough>
 * </mailet>
 * }</pre>
 */
public class HasDmarcResult extends AttributeIsOneOf {

    public HasDmarcResult() {
        super(AuthenticationAttributes.DMARC_RESULT,
            Arrays.stream(DmarcResult.values()).map(DmarcResult::keyword).collect(Collectors.toSet()));
    }
}
