package dev.postern.sieve;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.jsieve.TestManager;
import org.apache.jsieve.exception.LookupException;
import org.apache.jsieve.tests.ExecutableTest;

/** jSieve's test look-up over a fixed map of constructors (see {@link ExtensionCommandManager}). */
final class ExtensionTestManager implements TestManager {
    private final Map<String, Supplier<ExecutableTest>> tests;

    ExtensionTestManager(Map<String, Supplier<ExecutableTest>> tests) {
        this.tests = Map.copyOf(tests);
    }

    @Override
    public ExecutableTest getTest(String name) throws LookupException {
        Supplier<ExecutableTest> s = tests.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new LookupException("sieve: unknown test \"" + name + "\"; is a require missing, or misspelt?");
        }
        return s.get();
    }

    /** Capabilities are all listed by the command manager. */
    @Override
    public List<String> getExtensions() {
        return List.of();
    }
}
