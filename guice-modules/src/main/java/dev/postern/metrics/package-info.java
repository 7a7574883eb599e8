/**
 * Postern's metrics, recorded with James's {@code MetricFactory} (counters and timers) and
 * {@code GaugeRegistry}: James's memory server binds both to one Dropwizard registry, which
 * WebAdmin's {@code GET /metrics} shows in Prometheus' text format once
 * {@code conf/webadmin.properties} lists {@code org.apache.james.webadmin.dropwizard.MetricsRoutes}
 * in {@code extensions.routes}, and which James also logs every 10 seconds when the logger
 * {@code org.apache.james.metrics} is at DEBUG ({@code conf/logback.xml}).
 *
 * <p>Names are Prometheus names already (lower case, underscores); Prometheus' exporter adds
 * {@code _total} to counters and shows timers as summaries in seconds. {@link MailCheckMetrics}
 * counts what the SMTP hooks decide, {@link StorageGauges} reads the scan log and the storage
 * backend when asked; the DKIM signatures counter is {@code dev.postern.mailets.dkim.DkimSign}'s.
 */
package dev.postern.metrics;
