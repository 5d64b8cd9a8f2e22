package org.jiedao.hub.routes;

import java.util.Optional;

import org.jiedao.hub.graph.ops.Operations;
import org.jiedao.hub.graph.ops.RunCounts;

/** Runs and watermarks in the graph's operational model, so they survive a restart of the hub. */
final class GraphRunJournal implements RunJournal {
    private final Operations ops;

    GraphRunJournal(Operations ops) {
        this.ops = ops;
    }

    @Override
    public void register(String sourceId, String name, String kind, String department) {
        ops.registerSource(sourceId, name, kind, department);
    }

    @Override
    public String startRun(String sourceId, String unit) {
        return ops.startRun(sourceId, unit);
    }

    @Override
    public void finishRun(String runId, RunCounts counts, String error) {
        ops.finishRun(runId, counts, error);
    }

    @Override
    public Optional<String> watermark(String sourceId) {
        return ops.watermark(sourceId);
    }

    @Override
    public void advanceWatermark(String sourceId, String watermark) {
        ops.advanceWatermark(sourceId, watermark);
    }
}
