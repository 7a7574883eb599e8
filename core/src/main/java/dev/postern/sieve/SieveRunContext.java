package dev.postern.sieve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.jsieve.BaseSieveContext;
import org.apache.jsieve.CommandManager;
import org.apache.jsieve.ComparatorManager;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.TestManager;
import org.apache.jsieve.exception.SieveException;

import dev.postern.sieve.variables.Variables;

/**
 * The state of one script run: the capabilities the script required, its variables and match
 * variables (RFC 5229), and the imap4flags internal variable (RFC 5232 section 3).
 */
public final class SieveRunContext extends BaseSieveContext {

    /**
     * RFC 5229 section 3.2 asks for at least ${0}..${9}; like Pigeonhole we keep more, so that a
     * pattern with many wildcards can use them all. Higher numbers are empty.
     */
    public static final int MATCH_VARIABLES_MAX = 256;

    private final Set<String> required = new HashSet<>();
    private final Map<String, String> variables = new HashMap<>();
    private List<String> matchValues = List.of();
    private final Set<String> internalFlags = new java.util.LinkedHashSet<>();
    private final SubaddressConfig subaddress;

    SieveRunContext(CommandManager commands, ComparatorManager comparators, TestManager tests,
                    SubaddressConfig subaddress) {
        super(commands, comparators, tests);
        this.subaddress = subaddress;
    }

    /** The run context behind a jSieve context; our commands run only inside our factory. */
    public static SieveRunContext of(SieveContext context) throws SieveException {
        if (context instanceof SieveRunContext run) {
            return run;
        }
        throw new SieveException("sieve: Postern extensions need a context from PosternSieve, got "
            + context.getClass().getName() + "; build the SieveFactory with PosternSieve");
    }

    public void require(String capability) {
        required.add(capability.toLowerCase(Locale.ROOT));
    }

    public boolean isRequired(String capability) {
        return required.contains(capability.toLowerCase(Locale.ROOT));
    }

    public SubaddressConfig subaddress() {
        return subaddress;
    }

    /** RFC 5229 section 3: expands ${name} and ${N} when "variables" is required. */
    public String expand(String value) {
        return Variables.expand(value, this);
    }

    public List<String> expand(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(expand(v));
        }
        return out;
    }

    /** Variable names are case-insensitive (RFC 5229 section 3). Unknown names are empty. */
    public String variable(String name) {
        return variables.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    public boolean hasVariable(String name) {
        return variables.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * RFC 5229 section 6 lets an implementation bound the number of variables; 255 is
     * Pigeonhole's default (sieve_variables_max_scope_size).
     */
    public static final int VARIABLES_MAX = 255;

    public void setVariable(String name, String value) throws SieveException {
        String key = name.toLowerCase(Locale.ROOT);
        if (!variables.containsKey(key) && variables.size() >= VARIABLES_MAX) {
            throw new SieveException("sieve: too many variables: at most " + VARIABLES_MAX + " per script");
        }
        variables.put(key, value);
    }

    public String matchVariable(int index) {
        return index < matchValues.size() && matchValues.get(index) != null ? matchValues.get(index) : "";
    }

    /** RFC 5229 section 3.2: replaced only by a test that matched with :matches or :regex. */
    public void setMatchValues(List<String> values) {
        List<String> v = new ArrayList<>(values);
        while (v.size() > MATCH_VARIABLES_MAX) {
            v.remove(v.size() - 1);
        }
        matchValues = Collections.unmodifiableList(v);
    }

    /** RFC 5232 section 3: the internal flag variable used by keep/fileinto without :flags. */
    public Set<String> internalFlags() {
        return internalFlags;
    }
}
