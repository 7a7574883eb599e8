package dev.postern.guice;

import javax.inject.Inject;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;

import dev.postern.storage.Stores;

/**
 * "Postern storage" in WebAdmin's {@code /healthcheck}: healthy when the backend of
 * {@code storage=} answers a query now (memory always does). James runs it when
 * {@code conf/healthcheck.properties} lists it in {@code additional.healthchecks}.
 */
public final class StorageHealthCheck implements HealthCheck {

    public static final ComponentName NAME = new ComponentName("Postern storage");

    private final Stores stores;

    @Inject
    public StorageHealthCheck(Stores stores) {
        this.stores = stores;
    }

    @Override
    public ComponentName componentName() {
        return NAME;
    }

    @Override
    public Publisher<Result> check() {
        return StorageModule.probe(NAME, stores.backend(), stores::check);
    }
}
