package dev.postern.dkim.keys;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class FileDkimKeyStoreTest extends DkimKeyStoreContract {

    @TempDir
    Path root;

    @Override
    protected DkimKeyStore store() {
        return new FileDkimKeyStore(root);
    }
}
