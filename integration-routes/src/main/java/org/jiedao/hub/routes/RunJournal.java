package org.jiedao.hub.routes;

import java.util.Optional;

import org.jiedao.hub.graph.ops.RunCounts;

/**
 * Where the routes record their ingestion runs and keep their JDBC watermarks: the graph's operational model
 * ({@link GraphRunJournal}) or, for a runtime built without one, memory ({@link MemoryRunJournal}).
 */
interface RunJournal {
    /** Registers (or updates) a source before its route starts. */
    void register(String sourceId, String name, String kind, String department);

    /** @return the new run's id */
    String startRun(String sourceId, String unit);

    /** Records the run's end, its counts and the error that failed it (null if none). */
    void finishRun(String runId, RunCounts counts, String error);

    /** @return the stored watermark text of the source, if any */
    Optional<String> watermark(String sourceId);

    /** Stores the source's watermark; called only after the rows up to it are committed. */
    void advanceWatermark(String sourceId, String watermark);
}
