package dev.postern.guice;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postern.scanlog.ScanLog;
import dev.postern.storage.Stores;

/**
 * Closes the scan log (its queue is flushed first) and then the stores (the Cassandra session)
 * when James stops. James runs every {@code @PreDestroy} method of the objects Guice made, in
 * the extension injector too, from {@code GuiceJamesServer.stop()}, which its shutdown hook
 * calls on SIGTERM, as it closes its own Cassandra session.
 */
public final class StorageShutdown {

    private static final Logger LOGGER = LoggerFactory.getLogger(StorageShutdown.class);

    private final Stores stores;
    private final ScanLog scanLog;

    @Inject
    public StorageShutdown(Stores stores, ScanLog scanLog) {
        this.stores = stores;
        this.scanLog = scanLog;
    }

    @PreDestroy
    public void close() {
        if (scanLog instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOGGER.warn("Postern: closing the scan log failed", e);
            }
        }
        try {
            stores.close();
            LOGGER.info("Postern: storage ({}) closed", stores.backend());
        } catch (RuntimeException e) {
            LOGGER.warn("Postern: closing the {} storage failed", stores.backend(), e);
        }
    }
}
