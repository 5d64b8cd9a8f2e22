package org.jiedao.hub.api;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.api.schema.ComputedFields;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;

/**
 * A graph synthesised from the ontology alone, written through the real {@link RecordWriter}: one node per exposed
 * node type with EVERY property populated (a value synthesised from the property's range, code list, normaliser and
 * pattern), and, for every relationship type of the ontology, a relationship with every property populated from each
 * node whose type has the start label to the node of the end type. A property or type added to the ontology is
 * written here with no change to this class.
 *
 * <p>Values: a code list's first code; dates 1987-06-15 ({@code validTo} 2099-12-31, so validities hold today and
 * the nodes lie in the caseworker's community scope), date-times 2026-03-14T09:21:05; integers 7, decimals 39.91,
 * booleans true; text: a valid 18-digit ID number for the {@code idNumber} normaliser, else the first of
 * {@link #SAMPLES} matching the property's pattern, else {@code <Label>-<property>} (keys, unique per label) or
 * {@code 测试<property>}: every text has at least two characters, so a mask always differs from it.
 */
final class SynthesisedGraph {
    static final Ontology O = Ontology.bundled();
    /** Sample values tried, in order, against a property's {@code hub:pattern}. */
    static final List<String> SAMPLES = List.of("110102001004", "+8613912345678", "13912345678", "京A12345",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "12345");

    private SynthesisedGraph() {
    }

    /** @return the exposed node types, as the API's schema exposes them */
    static List<NodeType> exposed() {
        return new SchemaBuilder(O, ComputedFields.all()).exposedTypes();
    }

    /**
     * @param t a node type
     * @return the key of its synthesised node
     */
    static Object key(NodeType t) {
        return value(t, t.key());
    }

    /**
     * @param t the node type the value is for (keys differ per type)
     * @param p one of its properties, or a relationship property
     * @return the synthesised value
     */
    static Object value(NodeType t, PropertyDef p) {
        if (p.codeList() != null) {
            return O.codeList(p.codeList()).codes().getFirst().notation();
        }
        return switch (p.datatype()) {
            // the end of a validity (schema.Validity) lies ahead, so relationships hold today: the synthesised nodes
            // lie in a scoped role's scope (a resident whose RESIDES_AT ended is outside it)
            case "date" -> p.name().equals("validTo") ? LocalDate.of(2099, 12, 31) : LocalDate.of(1987, 6, 15);
            case "dateTime" -> LocalDateTime.of(2026, 3, 14, 9, 21, 5);
            case "boolean" -> Boolean.TRUE;
            case "integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger" -> 7L;
            case "decimal", "double", "float" -> 39.91;
            default -> text(t, p);
        };
    }

    private static String text(NodeType t, PropertyDef p) {
        if ("idNumber".equals(p.normaliser())) {
            String body = "11010219870615" + "%03d".formatted(t == null ? 0 : Math.floorMod(t.label().hashCode(), 1000));
            return body + IdNumber.checkCharacter(body);
        }
        if (p.pattern() != null) {
            for (String s : SAMPLES) {
                if (s.matches(p.pattern())) {
                    return s;
                }
            }
        }
        return t != null && p.equals(t.key()) ? t.label() + "-" + p.name() : "测试" + p.name();
    }

    /** Empties TestNeo4j, applies the graph schema and writes the synthesised graph. */
    static void write() {
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
        List<RecordAssertions> records = new ArrayList<>();
        Map<String, NodeType> byLabel = new LinkedHashMap<>();
        exposed().forEach(t -> byLabel.put(t.label(), t));
        for (NodeType t : exposed()) {
            Map<String, Object> props = new HashMap<>();
            t.properties().forEach(p -> props.put(p.name(), value(t, p)));
            records.add(record(t.label(), List.of(new NodeAssertion("n", t, key(t), props, WriteMode.AUTHORITATIVE, true)), List.of()));
        }
        for (RelationshipType r : O.relationshipTypes()) {
            if (r.from().isEmpty() || r.to().isEmpty() || !byLabel.containsKey(r.to().get().label())) {
                continue;
            }
            NodeType to = byLabel.get(r.to().get().label());
            Map<String, Object> props = new HashMap<>();
            r.properties().forEach(p -> props.put(p.name(), value(null, p)));
            for (NodeType from : exposed()) {
                if (!O.labels(from).contains(r.from().get().label())) {
                    continue;
                }
                boolean self = from.equals(to);
                List<NodeAssertion> nodes = self ? List.of(mention("a", from))
                        : List.of(mention("a", from), mention("b", to));
                records.add(record(r.type() + "-" + from.label(), nodes,
                        List.of(new RelationshipAssertion(r, "a", self ? "a" : "b", props))));
            }
        }
        new RecordWriter(TestNeo4j.driver(), O).write(records, List.of());
    }

    private static NodeAssertion mention(String alias, NodeType t) {
        return new NodeAssertion(alias, t, key(t), Map.of(t.key().name(), key(t)), WriteMode.FILL, false);
    }

    private static RecordAssertions record(String key, List<NodeAssertion> nodes, List<RelationshipAssertion> rels) {
        return new RecordAssertions(new RecordRef("synthesised", key, "synthesised " + key, ContentHash.of("synthesised" + key), "{}"),
                nodes, rels);
    }
}
