package dev.postern.it;

/** What a test class started (servers, sinks, DNS servers), closed in one call at its end. */
final class TestResources {

    private TestResources() {
    }

    /**
     * Closes each resource in the order given, skipping those never started (null); every one
     * is closed even if another fails, and the first failure is thrown with the others suppressed.
     */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
