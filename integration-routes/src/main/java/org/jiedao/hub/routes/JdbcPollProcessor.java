package org.jiedao.hub.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.source.SourceDefinition.JdbcOptions;

/**
 * Ingests the rows of one poll of a table (a list of column maps from camel-sql). Each row is located by its key
 * column, e.g. {@code vehicle_registration record_id=42}.
 */
final class JdbcPollProcessor implements Processor {
    private final Ingester ingester;

    JdbcPollProcessor(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void process(Exchange exchange) {
        JdbcOptions jdbc = ingester.mapping().definition().jdbc();
        SourceStats stats = ingester.stats();
        stats.started();
        try {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = exchange.getIn().getBody(List.class);
            List<RawRecord> records = new ArrayList<>(rows == null ? 0 : rows.size());
            if (rows != null) {
                for (Map<String, Object> row : rows) {
                    records.add(RawRecord.of(jdbc.table() + " " + jdbc.keyColumn() + "=" + keyOf(row, jdbc.keyColumn()), row));
                }
            }
            ingester.ingest(records);
            stats.finished();
        } catch (RuntimeException e) {
            stats.failed(e.toString());
            throw e;
        }
    }

    private static Object keyOf(Map<String, Object> row, String column) {
        return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue)
                .findFirst().orElse("?");
    }

    @Override
    public String toString() {
        return "ingest rows of " + ingester.mapping().definition().id();
    }
}
