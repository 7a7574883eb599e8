package dev.postern.guice;

import javax.inject.Inject;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;

import dev.postern.scanlog.ScanLog;

/**
 * "Postern scan log" in WebAdmin's {@code /healthcheck}: healthy when the scan log is disabled,
 * or when OpenSearch answers and is not red. James runs it when
 * {@code conf/healthcheck.properties} lists it in {@code additional.healthchecks}.
 */
public final class ScanLogHealthCheck implements HealthCheck {

    public static final ComponentName NAME = new ComponentName("Postern scan log");

    private final ScanLog scanLog;

    @Inject
    public ScanLogHealthCheck(ScanLog scanLog) {
        this.scanLog = scanLog;
    }

    @Override
    public ComponentName componentName() {
        return NAME;
    }

    @Override
    public Publisher<Result> check() {
        return StorageModule.probe(NAME, "opensearch", scanLog::check);
    }
}
