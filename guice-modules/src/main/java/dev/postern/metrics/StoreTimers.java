package dev.postern.metrics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;

/**
 * Times every call to a store, so that a slow backend shows which store it slows:
 * {@code postern_store_NAME_time} (a timer: count and latency of the calls) and
 * {@code postern_store_NAME_failures} (calls that threw, e.g. Cassandra did not answer), with
 * NAME one of {@code greylist}, {@code rate_limit}, {@code tag_seen}, {@code bayes},
 * {@code leases}, {@code folder_creations}, {@code dmarc_reports}, {@code reputation}. Published
 * at WebAdmin's {@code /metrics} with the others.
 */
public final class StoreTimers {

    public static final String PREFIX = "postern_store_";

    private StoreTimers() {
    }

    /** {@code store}, its every method timed under {@code postern_store_NAME_*}. */
    public static <T> T timed(Class<T> type, T store, String name, MetricFactory metrics) {
        String time = PREFIX + name + "_time";
        String failures = PREFIX + name + "_failures";
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(store, args);
            }
            TimeMetric timer = metrics.timer(time);
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                metrics.generate(failures).increment();
                throw e.getCause();
            } finally {
                timer.stopAndPublish();
            }
        });
        return type.cast(proxy);
    }
}
