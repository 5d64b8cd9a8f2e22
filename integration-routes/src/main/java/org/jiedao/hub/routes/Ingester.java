package org.jiedao.hub.routes;

import java.util.ArrayList;
import java.util.List;


import org.jiedao.hub.graph.write.Quarantined;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.graph.write.WriteSummary;
import org.jiedao.hub.loaders.CanonicalJson;
import org.jiedao.hub.loaders.mapping.MappingOutcome;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.ontology.assertion.RecordAssertions;

/**
 * Maps the records of one unit (a file, a poll) and writes them in batches: each record is normalised and
 * validated by the source's mapping; the valid ones go to the graph, the others to the quarantine with their
 * reason and location, in the same transaction as their batch. Returns only when every batch has committed, so
 * a route may then advance its cursor (move the file, acknowledge the poll).
 */
public final class Ingester {
    private final SourceMapping mapping;
    private final RecordWriter writer;
    private final int batchSize;
    private final SourceStats stats;

    /**
     * @param mapping   the source's compiled mapping
     * @param writer    the graph writer
     * @param batchSize records per transaction (e.g. 500)
     * @param stats     counters updated as batches commit
     */
    public Ingester(SourceMapping mapping, RecordWriter writer, int batchSize, SourceStats stats) {
        this.mapping = mapping;
        this.writer = writer;
        this.batchSize = batchSize;
        this.stats = stats;
    }

    /**
     * @param records the unit's records in source order
     * @return what was written
     * @throws org.neo4j.driver.exceptions.Neo4jException if a batch cannot be written; batches already
     *         committed stay (re-running the unit skips them as unchanged)
     */
    public WriteSummary ingest(List<RawRecord> records) {
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
            stats.add(s);
            total = total.plus(s);
        }
        return total;
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
