package org.jiedao.hub.graph.rdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.RelationshipType;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.Parameter;
import org.neo4j.cypherdsl.core.Relationship;
import org.neo4j.cypherdsl.core.Statement;
import org.neo4j.cypherdsl.core.renderer.Renderer;

/**
 * The two read statements of an export, built with Cypher-DSL from ontology names (labels, keys, relationship
 * types) and cached. Values travel as parameters; the only literal spliced in is the validated depth, because
 * Cypher takes no parameter for the length of a variable-length pattern.
 *
 * <ol>
 * <li>{@link #subgraph(NodeType, int)}, parameters {@value #KEY} and {@value #CAP}: the distinct nodes within
 *     {@code depth} hops of the root over the entity relationship types, in any direction, at most {@code cap}
 *     rows. Columns {@code id} (element id), {@code labels}, {@code properties}. Because only distinct end nodes
 *     are asked for, Neo4j plans this as a pruning breadth-first expansion, not as an enumeration of paths.</li>
 * <li>{@link #details()}, parameter {@value #IDS} (element ids from the first): the union of the relationships
 *     among those nodes, the provenance links of records to them, and the records named in the relationships'
 *     {@code sources} lists. Columns {@code kind} ({@code relationship}, {@code link} or {@code record}),
 *     {@code from}, {@code type}, {@code to} (element ids, type names; null for {@code record}),
 *     {@code properties} (of the relationship or link; null for {@code record}) and {@code record} (the record's
 *     properties; null for {@code relationship}).</li>
 * </ol>
 */
final class ExportStatements {
    static final String KEY = "key";
    static final String CAP = "cap";
    static final String IDS = "ids";
    static final String KIND_RELATIONSHIP = "relationship";
    static final String KIND_LINK = "link";
    static final String KIND_RECORD = "record";
    /** Property on every written relationship listing the uids of the records that asserted it (see RecordWriter). */
    static final String SOURCES = "sources";

    private static final Renderer RENDERER = Renderer.getDefaultRenderer();

    private final Ontology ontology;
    private final List<String> entityTypes;
    private final Optional<NodeType> recordType;
    private final List<String> linkTypes;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /**
     * @param ontology   the ontology
     * @param recordType the type of source records, if the ontology has one
     */
    ExportStatements(Ontology ontology, Optional<NodeType> recordType) {
        this.ontology = ontology;
        this.recordType = recordType;
        List<String> entity = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (RelationshipType r : ontology.relationshipTypes()) {
            if (isProvenance(r, recordType)) {
                links.add(r.type());
            } else if (!touches(r, recordType)) {
                entity.add(r.type());
            }
        }
        this.entityTypes = List.copyOf(entity);
        this.linkTypes = List.copyOf(links);
    }

    /**
     * Whether the relationship type links a source record to whatever it asserts: its domain is the record type
     * and it has no range ({@code RESOLVES_TO}, {@code MENTIONS}).
     */
    static boolean isProvenance(RelationshipType r, Optional<NodeType> recordType) {
        return r.to().isEmpty() && r.from().map(f -> isRecord(f, recordType)).orElse(false);
    }

    /** Whether either end of the relationship type is the record type (records are not traversed as entities). */
    static boolean touches(RelationshipType r, Optional<NodeType> recordType) {
        return r.from().map(f -> isRecord(f, recordType)).orElse(false) || r.to().map(t -> isRecord(t, recordType)).orElse(false);
    }

    private static boolean isRecord(NodeType t, Optional<NodeType> recordType) {
        return recordType.isPresent() && t.iri().equals(recordType.get().iri());
    }

    /**
     * @return the relationship types an export traverses and exports between entities: all but those starting or
     *         ending at source records
     */
    List<String> entityTypes() {
        return entityTypes;
    }

    /** @return the relationship types from a record to the entities it asserts */
    List<String> linkTypes() {
        return linkTypes;
    }

    /**
     * @param root  the root's type; it is matched on the label and key it is merged on, and its own label
     * @param depth hops, 0 to {@link RdfExporter#MAX_DEPTH}
     * @return the subgraph statement
     */
    String subgraph(NodeType root, int depth) {
        int hops = entityTypes.isEmpty() ? 0 : depth;
        return cache.computeIfAbsent("subgraph:" + root.label() + ":" + hops, k -> {
            NodeType merge = ontology.mergeType(root);
            Node r = (merge.equals(root) ? Cypher.node(root.label()) : Cypher.node(merge.label(), root.label()))
                    .named("root").withProperties(merge.key().name(), Cypher.parameter(KEY));
            Node n = Cypher.anyNode("n");
            Relationship path = r.relationshipBetween(n, entityTypes.toArray(String[]::new)).length(0, hops);
            Statement s = Cypher.match(r).match(path)
                    .withDistinct(n).limit(Cypher.parameter(CAP))
                    .returning(Cypher.elementId(n).as("id"), Cypher.labels(n).as("labels"), Cypher.properties(n).as("properties"))
                    .build();
            return RENDERER.render(s);
        });
    }

    /** @return the details statement, or empty when the ontology has neither entity nor provenance relationship types */
    Optional<String> details() {
        String s = cache.computeIfAbsent("details", k -> {
            Parameter<?> ids = Cypher.parameter(IDS);
            List<Statement> parts = new ArrayList<>();
            if (!entityTypes.isEmpty()) {
                Node a = Cypher.anyNode("a");
                Node b = Cypher.anyNode("b");
                Relationship rel = a.relationshipTo(b, entityTypes.toArray(String[]::new)).named("r");
                parts.add(Cypher.match(rel).where(Cypher.elementId(a).in(ids)).and(Cypher.elementId(b).in(ids))
                        .returning(Cypher.literalOf(KIND_RELATIONSHIP).as("kind"), Cypher.elementId(a).as("from"),
                                Cypher.type(rel).as("type"), Cypher.elementId(b).as("to"), Cypher.properties(rel).as("properties"),
                                Cypher.literalNull().as("record"))
                        .build());
            }
            if (recordType.isPresent() && !linkTypes.isEmpty()) {
                Node rec = Cypher.node(recordType.get().label()).named("rec");
                Node e = Cypher.anyNode("e");
                Relationship link = rec.relationshipTo(e, linkTypes.toArray(String[]::new)).named("l");
                parts.add(Cypher.match(link).where(Cypher.elementId(e).in(ids))
                        .returning(Cypher.literalOf(KIND_LINK).as("kind"), Cypher.elementId(rec).as("from"),
                                Cypher.type(link).as("type"), Cypher.elementId(e).as("to"), Cypher.properties(link).as("properties"),
                                Cypher.properties(rec).as("record"))
                        .build());
            }
            if (recordType.isPresent() && !entityTypes.isEmpty()) {
                Node a = Cypher.anyNode("a");
                Node b = Cypher.anyNode("b");
                Relationship rel = a.relationshipTo(b, entityTypes.toArray(String[]::new)).named("r");
                var uid = Cypher.name("uid");
                Node rec = Cypher.node(recordType.get().label()).named("rec")
                        .withProperties(recordType.get().key().name(), uid);
                parts.add(Cypher.match(rel).where(Cypher.elementId(a).in(ids)).and(Cypher.elementId(b).in(ids))
                        .unwind(rel.property(SOURCES)).as(uid)
                        .match(rec)
                        .returningDistinct(Cypher.literalOf(KIND_RECORD).as("kind"), Cypher.elementId(rec).as("from"),
                                Cypher.literalNull().as("type"), Cypher.literalNull().as("to"), Cypher.literalNull().as("properties"),
                                Cypher.properties(rec).as("record"))
                        .build());
            }
            if (parts.isEmpty()) {
                return "";
            }
            return RENDERER.render(parts.size() == 1 ? parts.get(0) : Cypher.unionAll(parts));
        });
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
