package org.jiedao.hub.routes.exchange;

import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.ontology.Ontology;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * What one extract of an agreement carries: the entities' keys and, per entity, exactly the agreed fields in the
 * agreement's order. Values are strings, numbers, booleans or lists of them (dates and times as ISO-8601 text); an
 * absent property is null.
 *
 * @param fields the agreed fields, in order
 * @param keys   the entities' keys, in row order
 * @param rows   one map per entity, field to value, iteration in {@code fields} order
 */
public record Extract(List<String> fields, List<String> keys, List<Map<String, Object>> rows) {

    /**
     * Runs an agreement's {@link ExtractQuery} in one read transaction.
     *
     * @param agreement the agreement
     * @param ontology  the ontology
     * @param driver    the hub's driver
     * @param today     the day the filter's validity is read on
     * @return the extract
     * @throws org.neo4j.driver.exceptions.Neo4jException if the read fails
     */
    public static Extract run(AgreementDefinition agreement, Ontology ontology, Driver driver, LocalDate today) {
        ExtractQuery q = ExtractQuery.of(agreement, ontology, today);
        try (Session session = driver.session()) {
            List<Record> records = session.executeRead(tx -> tx.run(q.cypher(), q.parameters()).list());
            List<String> keys = new ArrayList<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Record r : records) {
                keys.add(String.valueOf(plain(r.get(ExtractQuery.KEY))));
                Map<String, Object> row = new LinkedHashMap<>();
                for (String f : agreement.fields()) {
                    row.put(f, plain(r.get(f)));
                }
                rows.add(row);
            }
            return new Extract(agreement.fields(), List.copyOf(keys), List.copyOf(rows));
        }
    }

    private static Object plain(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        Object o = v.asObject();
        if (o instanceof TemporalAccessor t) {
            return t.toString();
        }
        if (o instanceof List<?> list) {
            return list.stream().map(e -> e instanceof TemporalAccessor t ? t.toString() : e).toList();
        }
        return o;
    }
}
