package dev.postern.matchers;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.postern.inbound.AuthenticationAttributes;
import dev.postern.spf.SpfResult;

/**
 * Matches mail whose SPF result (RFC 7208 section 2.6, as {@code dev.postern.smtp.AuthenticationHook}
 * found it at MAIL FROM) is one of the listed words: none, neutral, pass, fail, softfail,
 * temperror, permerror.
 * <pre>{@code
 * <mailet match="dev.postern.matchers.HasSpfResult=fail,softfail" class="AddHeader">
 *     <name>X-Spam-Flag</name><value>YES</value>
 * </mailet>
 * }</pre>
 */
public class HasSpfResult extends AttributeIsOneOf {

    public HasSpfResult() {
        super(AuthenticationAttributes.SPF_RESULT,
            Arrays.stream(SpfResult.values()).map(SpfResult::keyword).collect(Collectors.toSet()));
    }
}
