package org.jiedao.hub.routes;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jiedao.hub.graph.write.WriteSummary;

/**
 * Running counts for one source since the hub started: records read, written, unchanged (already in the graph
 * with the same content), quarantined; files or polls done and failed. Thread-safe.
 */
public final class SourceStats {
    private final String sourceId;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicInteger units = new AtomicInteger();
    private final AtomicInteger failedUnits = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger pollsEnded = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    /** When the last unit completed (epoch ms), 0 before any; read by {@link SourceMetrics} for the lag. */
    private final AtomicLong lastCompletedAt = new AtomicLong();

    /** @param sourceId the source the counters are of; all counters start at 0 */
    public SourceStats(String sourceId) {
        this.sourceId = sourceId;
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void read(int n) {
        read.addAndGet(n);
    }

    void add(WriteSummary s) {
        written.addAndGet(s.written());
        unchanged.addAndGet(s.unchanged());
        quarantined.addAndGet(s.quarantined());
    }

    void finished() {
        lastCompletedAt.set(System.currentTimeMillis());
        units.incrementAndGet();
        inFlight.decrementAndGet();
    }

    void failed(String why) {
        failedUnits.incrementAndGet();
        lastFailure.set(why);
        inFlight.decrementAndGet();
    }

    void pollEnded() {
        pollsEnded.incrementAndGet();
    }

    void pollFailed(String why) {
        failedUnits.incrementAndGet();
        lastFailure.set(why);
    }

    /** @return the source id */
    public String sourceId() {
        return sourceId;
    }

    /** @return records read (including quarantined ones) */
    public long read() {
        return read.get();
    }

    /** @return records written with new or changed content */
    public long written() {
        return written.get();
    }

    /** @return records skipped because the graph already had them with the same content */
    public long unchanged() {
        return unchanged.get();
    }

    /** @return records quarantined */
    public long quarantined() {
        return quarantined.get();
    }

    /** @return files (or polls) completed */
    public int completedUnits() {
        return units.get();
    }

    /** @return files (or polls) that failed as a whole */
    public int failedUnits() {
        return failedUnits.get();
    }

    /** @return complete reads of a polled source whose units are pages (REST): all pages read, or stopped by a failure */
    public int pollsEnded() {
        return pollsEnded.get();
    }

    /** @return files (or polls) being processed now */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return the last whole-file (or poll) failure, or null */
    public String lastFailure() {
        return lastFailure.get();
    }

    /** @return when the last file or poll completed (epoch milliseconds), 0 if none has */
    long lastCompletedAt() {
        return lastCompletedAt.get();
    }

    @Override
    public String toString() {
        return "%s: read %d, written %d, unchanged %d, quarantined %d%s".formatted(sourceId, read(), written(), unchanged(),
                quarantined(), failedUnits() == 0 ? "" : ", failed " + failedUnits() + " (" + lastFailure() + ")");
    }
}
