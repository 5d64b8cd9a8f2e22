package org.jiedao.hub.routes.exchange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * What one extract of an agreement carries: the entities' keys and, per entity, exactly the agreed fields in the
 * agreement's order, each in clear, masked or null by the partner role's rule ({@link ExtractQuery}). Values are
 * strings, numbers, booleans or lists of them (dates and times as ISO-8601 text); an absent property is null.
 *
 * @param fields     the agreed fields, in order
 * @param keys       the entities' keys, in row order
 * @param rows       one map per entity, field to value, iteration in {@code fields} order
 * @param vocabulary the ontology terms of the entity type and fields (for RDF), or null
 * @param subjects   per row, the entity's IRI ({@code format: rdf} only; else empty)
 * @param watermark  {@code mode: changes}: the newest change this extract covers, to be recorded with its delivery
 *                   (the next extract starts after it); null for a snapshot
 */
public record Extract(List<String> fields, List<String> keys, List<Map<String, Object>> rows, Vocabulary vocabulary,
                      List<String> subjects, Instant watermark) {

    /**
     * A snapshot extract without RDF terms.
     *
     * @param fields the agreed fields, in order
     * @param keys   the entities' keys, in row order
     * @param rows   one map per entity
     */
    public Extract(List<String> fields, List<String> keys, List<Map<String, Object>> rows) {
        this(fields, keys, rows, null, List.of(), null);
    }

    /**
     * The ontology terms an RDF payload uses.
     *
     * @param type       the agreement's entity type
     * @param classes    IRIs of the type and its mapped superclasses ({@code rdf:type} of each resource)
     * @param properties the agreed fields' property definitions (IRI, XSD datatype, sensitivity), by field name
     * @param prefixes   the ontology's namespace prefixes (prefix to namespace IRI), sorted by prefix
     */
    public record Vocabulary(NodeType type, List<String> classes, Map<String, PropertyDef> properties,
                             Map<String, String> prefixes) {
    }

    /**
     * Runs an agreement's snapshot {@link ExtractQuery} in one read transaction.
     *
     * @param agreement the agreement
     * @param ontology  the ontology
     * @param driver    the hub's driver
     * @param today     the day the filter's validity is read on
     * @return the extract
     * @throws org.neo4j.driver.exceptions.Neo4jException if the read fails
     */
    public static Extract run(AgreementDefinition agreement, Ontology ontology, Driver driver, LocalDate today) {
        return run(agreement, ontology, driver, today, null, false);
    }

    /**
     * Runs an agreement's {@link ExtractQuery} in one read transaction. With {@code changes}, the window ends at
     * Neo4j's time of the transaction minus the agreement's {@code settle} time (the database's clock, the one that
     * wrote {@code ingestedAt}), and that end is the extract's {@link #watermark}.
     *
     * @param agreement the agreement
     * @param ontology  the ontology
     * @param driver    the hub's driver
     * @param today     the day the filter's validity is read on
     * @param since     with {@code changes}: the previous delivery's watermark (exclusive), or null for the first
     * @param changes   whether to carry only the changes since {@code since}
     * @return the extract
     * @throws IllegalStateException if format rdf meets an entity with neither key nor entity id to name it by
     * @throws org.neo4j.driver.exceptions.Neo4jException if the read fails
     */
    public static Extract run(AgreementDefinition agreement, Ontology ontology, Driver driver, LocalDate today,
                              Instant since, boolean changes) {
        NodeType type = ontology.nodeType(agreement.entity());
        boolean rdf = "rdf".equals(agreement.format());
        try (Session session = driver.session()) {
            return session.executeRead(tx -> {
                ExtractQuery.Window window = null;
                if (changes) {
                    ZonedDateTime now = tx.run("RETURN datetime.transaction() AS now").single().get("now").asZonedDateTime();
                    window = new ExtractQuery.Window(since == null ? null : since.atZone(ZoneOffset.UTC),
                            now.minus(agreement.settleTime()));
                }
                ExtractQuery q = ExtractQuery.of(agreement, ontology, today, window);
                List<Record> records = tx.run(q.cypher(), q.parameters()).list();
                List<String> keys = new ArrayList<>();
                List<String> subjects = new ArrayList<>();
                List<Map<String, Object>> rows = new ArrayList<>();
                NodeType identity = ontology.mergeType(type);
                for (Record r : records) {
                    String key = String.valueOf(plain(r.get(ExtractQuery.KEY)));
                    keys.add(key);
                    if (rdf) {
                        Object id = plain(r.get(ExtractQuery.ID));
                        if (id == null) {
                            throw new IllegalStateException(type.label() + " " + key + " has neither a key shared in clear nor an"
                                    + " entity id to name it by in RDF; nothing was delivered");
                        }
                        subjects.add(Iris.entity(identity, id));
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String f : agreement.fields()) {
                        row.put(f, plain(r.get(f)));
                    }
                    rows.add(row);
                }
                return new Extract(agreement.fields(), List.copyOf(keys), List.copyOf(rows), vocabulary(agreement, ontology, type),
                        List.copyOf(subjects), window == null ? null : window.until().toInstant());
            });
        }
    }

    private static Vocabulary vocabulary(AgreementDefinition agreement, Ontology ontology, NodeType type) {
        List<String> classes = ontology.labels(type).stream().map(ontology::findNodeType)
                .flatMap(java.util.Optional::stream).map(NodeType::iri).distinct().toList();
        Map<String, PropertyDef> properties = new LinkedHashMap<>();
        agreement.fields().forEach(f -> properties.put(f, type.property(f).orElseThrow()));
        return new Vocabulary(type, classes, properties, new java.util.TreeMap<>(ontology.model().getNsPrefixMap()));
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
