package dev.postern.server;

import javax.inject.Provider;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * A health check of James's {@code /healthcheck} whose work is done by a class of an extension
 * jar. James 3.8.1 builds the injector of extension modules ({@code guice.extension.module}) as a
 * child of its own ({@link GuiceGenericLoader}); WebAdmin's {@code HealthCheckRoutes} reads the
 * parent's {@code Set<HealthCheck>}, and a child cannot add to it (Guice: BindingAlreadySet).
 * This check sits in the parent's set and asks the extension injector for the real one, by name,
 * at the first request (the extension injector exists once James has started).
 */
final class ExtensionHealthCheck implements HealthCheck {

    private final ComponentName name;
    private final ClassName implementation;
    private final Provider<GuiceGenericLoader> extensions;
    private volatile HealthCheck delegate;

    ExtensionHealthCheck(ComponentName name, String implementation, Provider<GuiceGenericLoader> extensions) {
        this.name = name;
        this.implementation = new ClassName(implementation);
        this.extensions = extensions;
    }

    @Override
    public ComponentName componentName() {
        return name;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::delegate)
            .flatMap(check -> Mono.from(check.check()))
            .onErrorResume(e -> Mono.just(Result.unhealthy(name, "cannot run the check " + implementation.getName()
                + " (is its jar in extensions-jars/ and its module in extensions.properties?): " + e, e)));
    }

    private HealthCheck delegate() throws ClassNotFoundException {
        HealthCheck check = delegate;
        if (check == null) {
            check = extensions.get().instantiate(implementation);
            delegate = check;
        }
        return check;
    }
}
