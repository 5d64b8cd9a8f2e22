package org.jiedao.hub.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.SourceKind;

/**
 * Binds each source's {@link SourceStats} to a Micrometer registry, tagged {@code source=<id>}. Names as a
 * Prometheus registry renders them:
 * <ul>
 *   <li>{@code hub_records_read_total}, {@code hub_records_written_total}, {@code hub_records_unchanged_total},
 *       {@code hub_records_quarantined_total}: records since the hub started (counters; records per second is
 *       their {@code rate()});</li>
 *   <li>{@code hub_units_completed_total}, {@code hub_units_failed_total}: files or polls done, and failed as a
 *       whole (the errors);</li>
 *   <li>{@code hub_units_inflight}: files or polls being processed now (gauge);</li>
 *   <li>{@code hub_source_lag_seconds}: for a file source, the age of the oldest file waiting in its directory
 *       (0 when none waits); for polled and event sources, the time since the last completed poll or message,
 *       counted from when the metrics were bound if none has completed (gauge).</li>
 * </ul>
 */
public final class SourceMetrics implements MeterBinder {
    private final Map<String, SourceStats> stats = new LinkedHashMap<>();
    private final Map<String, SourceDefinition> definitions = new LinkedHashMap<>();
    private final long boundAt = System.currentTimeMillis();

    /**
     * @param stats    the sources' counters (e.g. {@link IntegrationRuntime#stats()}{@code .values()})
     * @param mappings the sources' mappings, for their kind and directory; sources without stats are skipped
     */
    public SourceMetrics(Collection<SourceStats> stats, List<SourceMapping> mappings) {
        stats.forEach(s -> this.stats.put(s.sourceId(), s));
        mappings.forEach(m -> definitions.put(m.definition().id(), m.definition()));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SourceStats s : stats.values()) {
            counter(registry, "hub.records.read", "records read, quarantined ones included", s, SourceStats::read);
            counter(registry, "hub.records.written", "records written with new or changed content", s, SourceStats::written);
            counter(registry, "hub.records.unchanged", "records already in the graph with the same content", s, SourceStats::unchanged);
            counter(registry, "hub.records.quarantined", "records quarantined with a reason", s, SourceStats::quarantined);
            counter(registry, "hub.units.completed", "files or polls completed", s, SourceStats::completedUnits);
            counter(registry, "hub.units.failed", "files or polls that failed as a whole", s, SourceStats::failedUnits);
            Gauge.builder("hub.units.inflight", s, SourceStats::inFlight).description("files or polls being processed now")
                    .tag("source", s.sourceId()).register(registry);
            SourceDefinition d = definitions.get(s.sourceId());
            TimeGauge.builder("hub.source.lag", s, TimeUnit.MILLISECONDS, x -> lagMillis(x, d))
                    .description("file sources: age of the oldest waiting file; others: time since the last completed poll")
                    .tag("source", s.sourceId()).register(registry);
        }
    }

    private static void counter(MeterRegistry registry, String name, String description, SourceStats s,
                                ToDoubleFunction<SourceStats> value) {
        FunctionCounter.builder(name, s, value).description(description).tag("source", s.sourceId()).register(registry);
    }

    /** The lag in milliseconds, as described on the class. */
    double lagMillis(SourceStats s, SourceDefinition d) {
        long now = System.currentTimeMillis();
        if (d != null && d.kind() == SourceKind.FILE) {
            return oldestWaiting(d).map(t -> (double) Math.max(0, now - t.toMillis())).orElse(0.0);
        }
        long last = s.lastCompletedAt();
        return now - (last == 0 ? boundAt : last);
    }

    private static java.util.Optional<FileTime> oldestWaiting(SourceDefinition d) {
        Pattern include = Pattern.compile(d.file().include() == null ? ".*" : d.file().include());
        try (Stream<Path> files = Files.list(Path.of(d.file().directory()))) {
            return files.filter(p -> Files.isRegularFile(p) && include.matcher(p.getFileName().toString()).matches())
                    .map(SourceMetrics::modified).filter(java.util.Objects::nonNull).min(FileTime::compareTo);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return null; // taken in meanwhile
        }
    }
}
