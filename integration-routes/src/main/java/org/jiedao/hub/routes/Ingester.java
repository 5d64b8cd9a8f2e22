package org.jiedao.hub.routes;

import java.util.ArrayList;
import java.util.List;


import org.jiedao.hub.graph.feed.Alert;
import org.jiedao.hub.graph.feed.Alerts;
import org.jiedao.hub.graph.ops.RunCounts;
import org.jiedao.hub.graph.write.Quarantined;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.graph.write.WriteSummary;
import org.jiedao.hub.loaders.CanonicalJson;
import org.jiedao.hub.loaders.mapping.MappingOutcome;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the records of one unit (a file, a poll) and writes them in batches: each record is normalised and
 * validated by the source's mapping; the valid ones go to the graph, the others to the quarantine with their
 * reason and location, in the same transaction as their batch. Returns only when every batch has committed, so
 * a route may then advance its cursor (move the file, acknowledge the poll).
 *
 * <p>Each unit is recorded as an ingestion run (source, unit, start, end, counts read/written/unchanged/quarantined,
 * error) in the runtime's {@link RunJournal}: the graph's operational model when the runtime has one. Event feeds
 * (AMQP, MQTT) deliver one message per unit; their messages are recorded together, one run per window of at most
 * {@value #WINDOW_MESSAGES} messages or {@link #WINDOW_TIME} (checked as messages arrive, and closed when the
 * runtime stops; its counts so far are recorded every {@value #WINDOW_PROGRESS} messages), so that a busy feed does
 * not add a run node and two transactions per event. A message that fails
 * is recorded as a run of its own with the error.
 *
 * <p>Problems are also raised on the process's {@link Alerts} feed once committed or known: records quarantined
 * ({@code RECORDS_QUARANTINED}, one alert per batch), a unit that failed ({@code RUN_FAILED}) and a unit refused whole
 * ({@code FILE_FAILED} for a file, {@code RUN_FAILED} for a poll).
 */
public final class Ingester {
    private static final Logger LOG = LoggerFactory.getLogger(Ingester.class);
    private final SourceMapping mapping;
    private final RecordWriter writer;
    private final int batchSize;
    private final SourceStats stats;
    private final RunJournal journal;
    /** Most messages one event-feed run covers. */
    static final int WINDOW_MESSAGES = 1000;
    /** An open event-feed run's counts are brought up to date every this many messages. */
    static final int WINDOW_PROGRESS = 50;
    /** Longest time one event-feed run covers. */
    static final java.time.Duration WINDOW_TIME = java.time.Duration.ofMinutes(1);
    private String windowRun;
    private long windowStarted;
    private long windowMessages;
    private long windowRead;
    private WriteSummary windowTotal = WriteSummary.EMPTY;

    /**
     * @param mapping   the source's compiled mapping
     * @param writer    the graph writer
     * @param batchSize records per transaction (e.g. 500)
     * @param stats     counters updated as batches commit
     */
    public Ingester(SourceMapping mapping, RecordWriter writer, int batchSize, SourceStats stats) {
        this(mapping, writer, batchSize, stats, new MemoryRunJournal());
    }

    Ingester(SourceMapping mapping, RecordWriter writer, int batchSize, SourceStats stats, RunJournal journal) {
        this.mapping = mapping;
        this.writer = writer;
        this.batchSize = batchSize;
        this.stats = stats;
        this.journal = journal;
    }

    /**
     * Ingests one unit and records it as an ingestion run named by the source's kind ({@code file}, {@code poll} or
     * {@code message}); see {@link #ingestUnit(String, List)}.
     *
     * @param records the unit's records in source order
     * @return what was written
     * @throws org.neo4j.driver.exceptions.Neo4jException if a batch cannot be written; batches already
     *         committed stay (re-running the unit skips them as unchanged)
     */
    public WriteSummary ingest(List<RawRecord> records) {
        return switch (mapping.definition().kind()) {
            case FILE -> ingestUnit("file", records);
            case JDBC, REST -> ingestUnit("poll", records);
            case INBOUND -> ingestUnit("submission", records);
            case AMQP, MQTT -> ingestMessage(records);
        };
    }

    /**
     * One message of an event feed: written like any unit, and counted in the feed's current run window.
     *
     * @throws org.neo4j.driver.exceptions.Neo4jException if it cannot be written (or the window's run cannot be
     *         started); a failure is recorded as a run of its own with the error
     */
    private synchronized WriteSummary ingestMessage(List<RawRecord> records) {
        if (windowRun != null && (windowMessages >= WINDOW_MESSAGES
                || System.nanoTime() - windowStarted >= WINDOW_TIME.toNanos())) {
            flush();
        }
        if (windowRun == null) {
            windowRun = journal.startRun(mapping.definition().id(), "messages");
            windowStarted = System.nanoTime();
        }
        WriteSummary[] done = {WriteSummary.EMPTY};
        try {
            WriteSummary s = write(records, done);
            windowMessages++;
            windowRead += records.size();
            windowTotal = windowTotal.plus(s);
            if (windowMessages % WINDOW_PROGRESS == 0) {
                finish(windowRun, windowRead, windowTotal, null); // the counts so far, for hub status
            }
            return s;
        } catch (RuntimeException e) {
            windowRead += records.size();
            windowTotal = windowTotal.plus(done[0]);
            flush();
            recordFailedMessage(records.size(), e.toString());
            alertFailed("a message", done[0], records.size());
            throw e;
        }
    }

    private void recordFailedMessage(long read, String error) {
        try {
            finish(journal.startRun(mapping.definition().id(), "message"), read, WriteSummary.EMPTY, error);
        } catch (RuntimeException e) {
            LOG.warn("{}: failed message could not be recorded as a run: {}", mapping.definition().id(), e.toString());
        }
    }

    /**
     * Closes the current event-feed run window, recording its counts; nothing for other kinds or with no window open.
     * Called when the runtime stops.
     */
    synchronized void flush() {
        if (windowRun != null) {
            finish(windowRun, windowRead, windowTotal, null);
            windowRun = null;
            windowMessages = 0;
            windowRead = 0;
            windowTotal = WriteSummary.EMPTY;
        }
    }

    /**
     * Ingests one unit (a file, a poll, a message) and records it as one ingestion run: started before the first
     * batch, finished with the counts when the last batch has committed, or with the counts so far and the error
     * if a batch fails.
     *
     * @param unit    what is read, e.g. a file name or {@code poll after updated_at=...}
     * @param records the unit's records in source order
     * @return what was written
     * @throws org.neo4j.driver.exceptions.Neo4jException if a batch cannot be written (or the run cannot be
     *         started); batches already committed stay (re-running the unit skips them as unchanged)
     */
    public WriteSummary ingestUnit(String unit, List<RawRecord> records) {
        String run = journal.startRun(mapping.definition().id(), unit);
        WriteSummary[] done = {WriteSummary.EMPTY};
        try {
            WriteSummary total = write(records, done);
            finish(run, records.size(), total, null);
            return total;
        } catch (RuntimeException e) {
            finish(run, records.size(), done[0], e.toString());
            alertFailed(unit, done[0], records.size());
            throw e;
        }
    }

    /**
     * Records a unit refused whole before any of its records could be ingested (an unreadable file), as a run with
     * its error.
     *
     * @param unit  what was refused, e.g. the file name
     * @param error why
     */
    public void recordRefusedUnit(String unit, String error) {
        String source = mapping.definition().id();
        try {
            finish(journal.startRun(source, unit), 0, WriteSummary.EMPTY, error);
        } finally {
            boolean file = mapping.definition().kind() == org.jiedao.hub.loaders.source.SourceDefinition.SourceKind.FILE;
            // a file's reason is the hub's own (undecodable, columns missing); a poll's may name hosts: not shown
            Alerts.publish(file ? "FILE_FAILED" : "RUN_FAILED", Alert.Severity.ERROR, file
                    ? source + ": " + unit + " was refused whole and moved to .failed/: " + error
                    : source + ": " + unit + " failed; see `hub status` for its error", source);
        }
    }

    /** Alerts that a unit failed part-way; its error is in the run journal, not in the alert (it may be internal). */
    private void alertFailed(String unit, WriteSummary committed, int read) {
        String source = mapping.definition().id();
        Alerts.publish("RUN_FAILED", Alert.Severity.ERROR, source + ": ingestion of " + unit + " failed after "
                + (committed.written() + committed.unchanged() + committed.quarantined()) + " of " + read
                + " records were committed; see `hub status` for its error", source);
    }

    /** A run that cannot be finished in the journal is logged; the unit's records are committed all the same. */
    private void finish(String run, long read, WriteSummary s, String error) {
        try {
            journal.finishRun(run, new RunCounts(read, s.written(), s.unchanged(), s.quarantined()), error);
        } catch (RuntimeException e) {
            LOG.warn("{}: ingestion run {} could not be recorded: {}", mapping.definition().id(), run, e.toString());
        }
    }

    private WriteSummary write(List<RawRecord> records, WriteSummary[] done) {
        stats.read(records.size());
        WriteSummary total = WriteSummary.EMPTY;
        for (int from = 0; from < records.size(); from += batchSize) {
            List<RecordAssertions> valid = new ArrayList<>();
            List<Quarantined> rejected = new ArrayList<>();
            for (RawRecord raw : records.subList(from, Math.min(records.size(), from + batchSize))) {
                switch (mapping.map(raw)) {
                    case MappingOutcome.Mapped m -> valid.add(m.assertions());
                    case MappingOutcome.Rejected r -> rejected.add(new Quarantined(mapping.definition().id(),
                            raw.location(), r.reason(), CanonicalJson.of(raw.values())));
                }
            }
            WriteSummary s = writer.write(valid, rejected);
            if (!rejected.isEmpty()) { // committed with the batch
                Quarantined first = rejected.getFirst();
                Alerts.publish("RECORDS_QUARANTINED", Alert.Severity.WARNING, first.source() + ": " + rejected.size()
                        + " record(s) quarantined, first at " + first.location() + ": " + first.reason(), first.source());
            }
            stats.add(s);
            total = total.plus(s);
            done[0] = total;
        }
        return total;
    }

    /** @return where runs are recorded and watermarks kept */
    RunJournal journal() {
        return journal;
    }

    /** @return the source's counters */
    public SourceStats stats() {
        return stats;
    }

    /** @return the source's mapping */
    public SourceMapping mapping() {
        return mapping;
    }

}
