package org.jiedao.hub.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jiedao.hub.graph.write.WriteSummary;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.SourceDefinition;
import org.jiedao.hub.loaders.source.SourceDefinition.JdbcOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One poll of a table. Without {@code watermarkColumn}: the whole table, one ingestion run. With it: the rows after
 * the stored {@link JdbcCursor}, at most {@code batchRows} at a time in (watermark, key) order, each batch one
 * ingestion run; the cursor advances to the batch's last row only after the batch's write has committed, and the
 * poll goes on with the next batch until one comes back short. A batch that fails leaves the cursor where it was, so
 * the next poll reads it again (rows already committed are then unchanged and cost no write). Each row is located by
 * its key column, e.g. {@code vehicle_registration record_id=42}.
 */
final class JdbcPollProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPollProcessor.class);
    private final Ingester ingester;
    private final JdbcTemplate jdbc;
    private final JdbcQueries queries;

    JdbcPollProcessor(Ingester ingester, JdbcTemplate jdbc, JdbcQueries queries) {
        this.ingester = ingester;
        this.jdbc = jdbc;
        this.queries = queries;
    }

    @Override
    public void process(Exchange exchange) {
        SourceStats stats = ingester.stats();
        stats.started();
        try {
            if (queries.incremental()) {
                pollIncrementally();
            } else {
                ingester.ingestUnit("poll of the whole table", records(query(queries.wholeTable())));
            }
            stats.finished();
        } catch (RuntimeException e) {
            stats.failed(e.toString());
            // handled here (counted, recorded as the run's error, logged in one line): the timer polls again
            LOG.warn("{}: poll failed, watermark not advanced (trying again at the next poll): {}", stats.sourceId(),
                    e.toString());
        }
    }

    private void pollIncrementally() {
        SourceDefinition d = ingester.mapping().definition();
        JdbcOptions o = d.jdbc();
        RunJournal journal = ingester.journal();
        while (true) {
            Optional<JdbcCursor> cursor = JdbcCursor.parse(journal.watermark(d.id()).orElse(null), o.watermarkColumn(),
                    o.keyColumn());
            List<Map<String, Object>> rows = cursor.isPresent()
                    ? query(queries.after(), JdbcQueries.afterParameters(cursor.get()).toArray())
                    : query(queries.first());
            if (rows.isEmpty()) {
                return; // nothing new: no run recorded
            }
            Map<String, Object> last = rows.getLast();
            JdbcCursor next = new JdbcCursor(o.watermarkColumn(), o.keyColumn(),
                    JdbcCursor.normalise(last.get(o.watermarkColumn()), o.watermarkColumn()),
                    JdbcCursor.normalise(last.get(o.keyColumn()), o.keyColumn()));
            String unit = cursor.map(c -> "poll after " + c.describe()).orElse("poll from the start") + ", " + rows.size()
                    + " row(s)";
            WriteSummary s = ingester.ingestUnit(unit, records(rows));
            journal.advanceWatermark(d.id(), next.toText()); // only once the batch has committed
            LOG.info("{}: {} read {}, written {}, unchanged {}, quarantined {}; watermark now {}", d.id(), unit, rows.size(),
                    s.written(), s.unchanged(), s.quarantined(), next.describe());
            if (rows.size() < queries.batchRows()) {
                return;
            }
        }
    }

    /** Runs a query; a failure (database down, table missing) is recorded as a failed run of the poll. */
    private List<Map<String, Object>> query(String sql, Object... args) {
        try {
            return jdbc.queryForList(sql, args);
        } catch (DataAccessException e) {
            ingester.recordRefusedUnit("poll", "poll of " + ingester.mapping().definition().id() + " failed: "
                    + e.getMostSpecificCause().getMessage());
            throw e;
        }
    }

    private List<RawRecord> records(List<Map<String, Object>> rows) {
        JdbcOptions o = ingester.mapping().definition().jdbc();
        String table = o.table() == null ? "query" : o.table();
        List<RawRecord> records = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            records.add(RawRecord.of(table + " " + o.keyColumn() + "=" + row.getOrDefault(o.keyColumn(), "?"), row));
        }
        return records;
    }

    @Override
    public String toString() {
        return "ingest rows of " + ingester.mapping().definition().id();
    }
}
