package org.jiedao.hub.routes;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jiedao.hub.graph.ops.RunCounts;

/**
 * For a runtime built without the operational model: runs are not kept and watermarks live only as long as the
 * runtime (a new runtime reads JDBC sources from the start; unchanged rows cost no write).
 */
final class MemoryRunJournal implements RunJournal {
    private final Map<String, String> watermarks = new ConcurrentHashMap<>();

    @Override
    public void register(String sourceId, String name, String kind, String department) {
        // nothing kept
    }

    @Override
    public String startRun(String sourceId, String unit) {
        return UUID.randomUUID().toString();
    }

    @Override
    public void finishRun(String runId, RunCounts counts, String error) {
        // nothing kept
    }

    @Override
    public Optional<String> watermark(String sourceId) {
        return Optional.ofNullable(watermarks.get(sourceId));
    }

    @Override
    public void advanceWatermark(String sourceId, String watermark) {
        watermarks.put(sourceId, watermark);
    }
}
