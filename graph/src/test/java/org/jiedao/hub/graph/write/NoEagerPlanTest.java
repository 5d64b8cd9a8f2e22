package org.jiedao.hub.graph.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.Plan;

/**
 * Every statement the writer can emit is planned without an {@code Eager} operator (issue 4, "reliability"): an
 * Eager operator materialises the whole {@code UNWIND} input in memory before writing, which on large batches costs
 * memory and defeats streaming. The statements are planned with {@code EXPLAIN} on the test Neo4j with the schema
 * applied (the plans depend on the constraints), and the plan tree is walked recursively.
 */
class NoEagerPlanTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    private static final Driver DRIVER = TestNeo4j.driver();

    @BeforeAll
    static void schema() {
        TestNeo4j.clear();
        new GraphSchema(ONTOLOGY).apply(DRIVER);
    }

    /** Every statement the writer can build, by a readable name. */
    private static Map<String, String> everyStatement() {
        WriteStatements s = new WriteStatements(ONTOLOGY);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("unchangedRecords", s.unchangedRecords());
        all.put("mergeRecords", s.mergeRecords());
        all.put("mergeQuarantined", s.mergeQuarantined());
        for (NodeType t : ONTOLOGY.nodeTypes()) {
            for (WriteMode mode : List.of(WriteMode.AUTHORITATIVE, WriteMode.FILL)) {
                List<String> names = t.properties().stream().map(PropertyDef::name).toList();
                all.put("mergeNodes " + t.label() + " " + mode, s.mergeNodes(t, mode, names));
                all.put("mergeNodes " + t.label() + " " + mode + " key only", s.mergeNodes(t, mode, List.of()));
            }
            for (boolean primary : List.of(true, false)) {
                all.put("linkRecords " + t.label() + " primary=" + primary, s.linkRecords(t, primary));
            }
        }
        for (RelationshipType r : ONTOLOGY.relationshipTypes()) {
            for (NodeType from : endpoints(r.from().orElse(null))) {
                for (NodeType to : endpoints(r.to().orElse(null))) {
                    all.put("mergeRelationships " + from.label() + "-" + r.type() + "->" + to.label(),
                            s.mergeRelationships(r, from, to, r.properties().stream().map(PropertyDef::name).toList()));
                }
            }
        }
        return all;
    }

    /** The node types a relationship end may have: the declared type and its subclasses, or any type if undeclared. */
    private static List<NodeType> endpoints(NodeType declared) {
        return ONTOLOGY.nodeTypes().stream()
                .filter(t -> declared == null || ONTOLOGY.labels(t).contains(declared.label())).toList();
    }

    private static List<String> operators(Plan plan) {
        List<String> out = new ArrayList<>();
        out.add(plan.operatorType());
        for (Plan child : plan.children()) {
            out.addAll(operators(child));
        }
        return out;
    }

    @Test
    void noWriteStatementIsPlannedWithAnEagerOperator() {
        Map<String, String> statements = everyStatement();
        List<String> eager = new ArrayList<>();
        // subtypes merged on their supertype's label render the same statement: plan each distinct one once
        Map<String, String> distinct = new LinkedHashMap<>();
        statements.forEach((name, cypher) -> distinct.putIfAbsent(cypher, name));
        try (var session = DRIVER.session()) {
            for (var e : distinct.entrySet().stream().map(x -> Map.entry(x.getValue(), x.getKey())).toList()) {
                Plan plan = session.run("EXPLAIN " + e.getValue(), Map.of(WriteStatements.ROWS, List.of())).consume().plan();
                List<String> ops = operators(plan);
                assertThat(ops).as(e.getKey()).isNotEmpty();
                if (ops.stream().anyMatch(op -> op.startsWith("Eager"))) {
                    eager.add(e.getKey() + ": " + ops + "\n    " + e.getValue());
                }
            }
        }
        assertThat(statements.size()).as("statements planned").isGreaterThan(3 * ONTOLOGY.nodeTypes().size());
        assertThat(eager).as("statements planned with an Eager operator").isEmpty();
    }
}
