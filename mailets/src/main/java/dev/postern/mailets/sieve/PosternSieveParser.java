package dev.postern.mailets.sieve;

import org.apache.james.managesieve.api.SieveParser;
import org.apache.james.managesieve.jsieve.Parser;

import dev.postern.sieve.PosternSieve;

/**
 * The {@link SieveParser} ManageSieve uses to check uploaded scripts (PUTSCRIPT, CHECKSCRIPT) and
 * to list the SIEVE capability, backed by Postern's engine, so that scripts using variables,
 * mailbox, enotify, ... are accepted and scripts {@link ExtendedSieve} would reject are refused
 * with line and column. Bind it in place of James's {@code org.apache.james.managesieve.jsieve.Parser}:
 *
 * <pre>{@code
 * Modules.override(new SieveModule()).with(binder ->
 *     binder.bind(SieveParser.class).to(PosternSieveParser.class));
 * }</pre>
 */
public class PosternSieveParser extends Parser {

    @javax.inject.Inject
    public PosternSieveParser() {
        super(PosternSieve.create().factory());
    }
}
