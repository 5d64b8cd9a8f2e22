package org.jiedao.hub.app;

import java.util.List;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.routes.IntegrationRuntime;
import org.jiedao.hub.routes.SourceMetrics;

/**
 * The hub's Micrometer registry, rendered in the Prometheus text format (served at {@code GET /metrics}): per-source
 * ingestion meters ({@link SourceMetrics}) and JVM basics (memory, GC, threads, class loading, CPU, uptime).
 */
final class HubMetrics {
    private HubMetrics() {
    }

    /**
     * @param routes   the running routes, whose counters are bound
     * @param mappings the sources' mappings (kinds and directories, for the lag)
     * @return the registry; close it with the hub
     */
    static PrometheusMeterRegistry create(IntegrationRuntime routes, List<SourceMapping> mappings) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new SourceMetrics(routes.stats().values(), mappings).bindTo(registry);
        return registry;
    }

    /**
     * @param registry the hub's registry
     * @return what counts one refused request of a role in {@code hub_rate_limited_total{role}}; cheap, non-blocking
     */
    static java.util.function.Consumer<String> rateLimitRefusals(io.micrometer.core.instrument.MeterRegistry registry) {
        return role -> io.micrometer.core.instrument.Counter.builder("hub.rate.limited")
                .description("GraphQL and export requests refused by the caller's rate limit").tag("role", role)
                .register(registry).increment();
    }
}
