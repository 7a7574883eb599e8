package dev.postern.mailets.sieve;

import java.util.List;

import org.apache.james.managesieve.api.SieveParser;
import org.apache.james.managesieve.api.SyntaxException;
import org.apache.james.managesieve.jsieve.Parser;
import org.apache.jsieve.parser.generated.ParseException;

import dev.postern.sieve.PosternSieve;

/**
 * The {@link SieveParser} ManageSieve (PUTSCRIPT, CHECKSCRIPT, the SIEVE capability) and
 * WebAdmin's Sieve route use, backed by Postern's engine, so that scripts using variables,
 * mailbox, enotify, ... are accepted and scripts {@link ExtendedSieve} would reject are refused
 * with line and reason. James's ManageSieve server injects the class {@link Parser} and the rest
 * {@link SieveParser}, so Postern's main class binds both to this one (extension jars cannot:
 * see {@code dev.postern.server.PosternServerMain}).
 */
public class PosternSieveParser extends Parser {

    private final PosternSieve sieve;

    @javax.inject.Inject
    public PosternSieveParser() {
        this(PosternSieve.create());
    }

    private PosternSieveParser(PosternSieve sieve) {
        super(sieve.factory());
        this.sieve = sieve;
    }

    /**
     * The reason is one line without double quotes: ManageSieve sends it inside a quoted string
     * (RFC 5804 section 4), where line breaks and quotes would end it early.
     */
    @Override
    public List<String> parse(String content) throws SyntaxException {
        try {
            sieve.parse(content);
        } catch (ParseException e) {
            throw new SyntaxException(oneLine(e.getMessage()), e);
        }
        return List.of();
    }

    static String oneLine(String message) {
        return String.valueOf(message).replace('"', '\'').replace('\\', '/').replaceAll("\\s+", " ").trim();
    }
}
