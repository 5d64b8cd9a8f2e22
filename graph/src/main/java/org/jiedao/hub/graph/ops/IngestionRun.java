package org.jiedao.hub.graph.ops;

import java.time.Instant;

import org.springframework.data.neo4j.core.schema.Id;
import org.springframework.data.neo4j.core.schema.Node;
import org.springframework.data.neo4j.core.schema.Relationship;

/**
 * One run of the hub reading a unit of a source (a file, a poll, a message): ontology class
 * {@code jd:IngestionRun}, label {@code IngestionRun}, key {@code id} (a random UUID), linked to its
 * {@link Source} by {@code RUN_OF} ({@code jd:runOf}). Counts are of records; times are instants (stored as Neo4j
 * {@code DATETIME} in UTC). While the run is going on, {@code endedAt} is null.
 */
@Node("IngestionRun")
public class IngestionRun {
    @Id
    private String id;
    private Instant startedAt;
    private Instant endedAt;
    private String unit;
    private long recordsRead;
    private long recordsWritten;
    private long recordsUnchanged;
    private long recordsQuarantined;
    private String error;
    @Relationship(type = "RUN_OF", direction = Relationship.Direction.OUTGOING)
    private Source source;

    /** For Spring Data. */
    protected IngestionRun() {
    }

    /** @return the run id */
    public String id() {
        return id;
    }

    /** @return when the run started */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when it ended, or null while it runs (or if the hub died during it) */
    public Instant endedAt() {
        return endedAt;
    }

    /** @return what it read: a file name, or a poll with its cursor */
    public String unit() {
        return unit;
    }

    /** @return the counts of records read, written, unchanged and quarantined */
    public RunCounts counts() {
        return new RunCounts(recordsRead, recordsWritten, recordsUnchanged, recordsQuarantined);
    }

    /** @return the error that failed the run as a whole, or null */
    public String error() {
        return error;
    }

    /** @return the source read */
    public Source source() {
        return source;
    }

    @Override
    public String toString() {
        return "IngestionRun[" + id + ", " + (source == null ? "?" : source.id()) + ", " + unit + ", " + counts()
                + (error == null ? "" : ", error " + error) + "]";
    }
}
