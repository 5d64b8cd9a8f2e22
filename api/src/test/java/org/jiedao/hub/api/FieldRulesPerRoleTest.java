package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.FieldRule;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.access.Role;
import org.jiedao.hub.api.access.ScopeDefinition;
import org.jiedao.hub.api.cypher.RowScope;
import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.api.schema.FieldBinding;
import org.jiedao.hub.api.schema.PluralNames;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.Sensitivity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Node;

/**
 * Issue 7's "done when": for every role of the bundled policy, every exposed type and every field of the schema, a
 * query on a real graph ({@link SynthesisedGraph}: every property of every type populated from the ontology) answers
 * by the role's rule: CLEAR the stored value, MASKED a value of the mask's shape that differs from the stored one,
 * HIDDEN null while the stored value is not, REFUSED a FORBIDDEN error with no statement run. Counts (aggregates,
 * computed counts) are the stored counts, null when k-anonymity suppresses them for the role. A property or type
 * added to the ontology becomes a case here with no test change.
 */
class FieldRulesPerRoleTest {
    private static final SchemaBuilder SCHEMA = new SchemaBuilder(SynthesisedGraph.O, org.jiedao.hub.api.schema.ComputedFields.all());
    private static final AccessPolicy POLICY = AccessPolicy.bundled(SynthesisedGraph.O);
    private static QueryFixture.Engine engine;

    @BeforeAll
    static void graph() {
        SynthesisedGraph.write();
        engine = QueryFixture.engine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @TestFactory
    Stream<DynamicNode> everyRoleGetsItsRuleForEveryFieldOfEveryType() {
        return POLICY.roles().values().stream().map(role -> {
            Access access = access(role);
            Stream<DynamicNode> types = SCHEMA.exposedTypes().stream().map(type -> {
                Stream<DynamicNode> fields = SCHEMA.fieldsByType().get(type.label()).stream().map(field -> {
                    FieldRule rule = access.rule(type, field);
                    return DynamicTest.dynamicTest(type.label() + "." + field.name() + " is " + rule, () -> check(access, type, field, rule));
                });
                return DynamicContainer.dynamicContainer(type.label(), fields);
            });
            return DynamicContainer.dynamicContainer("role " + role.name(), types);
        });
    }

    /** The role's access: its first purpose, and for a scoped role the synthesised node of the scope's target. */
    private static Access access(Role role) {
        Map<String, List<String>> attributes = Map.of();
        if (role.scope() != null) {
            ScopeDefinition scope = POLICY.scopes().get(role.scope());
            NodeType target = SynthesisedGraph.O.nodeType(scope.targetLabel());
            Object value = SynthesisedGraph.value(target, target.property(scope.targetProperty()).orElseThrow());
            attributes = Map.of(scope.attribute(), List.of(String.valueOf(value)));
        }
        String purpose = role.purposes().stream().sorted().findFirst().orElse(null);
        return POLICY.access(new Principal("test-" + role.name(), role.name(), attributes, purpose, "test"), SynthesisedGraph.O);
    }

    private static void check(Access access, NodeType type, SchemaBuilder.Field field, FieldRule rule) {
        if (field.binding() instanceof FieldBinding.RelationshipProperty && rule != FieldRule.REFUSED) {
            checkRelationshipProperty(access, type, field, rule);
            return;
        }
        String query = "{ c: " + PluralNames.of(type) + "(first: 100) { edges { node { f: " + field.name() + selection(field) + " } } } }";
        long before = engine.context().cypher().statementCount();
        JsonNode r = engine.run(QueryFixture.as(access, query));
        if (rule == FieldRule.REFUSED) {
            assertRefused(r, before, type.label());
            return;
        }
        assertThat(r.path("errors").isMissingNode()).as("errors of %s: %s", query, r.path("errors")).isTrue();
        List<JsonNode> got = new ArrayList<>();
        r.path("data").path("c").path("edges").forEach(e -> got.add(e.path("node").path("f")));
        String n = "`" + type.label() + "`";
        switch (field.binding()) {
            case FieldBinding.Property p -> assertValues(rule, p.property(), got,
                    stored("MATCH (n:" + n + ") RETURN n.`" + p.property().name() + "` AS v"));
            case FieldBinding.Relationship rel -> {
                assertThat(rule).isEqualTo(FieldRule.CLEAR);
                List<Object> expected = counts(type, rel).stream().map(c -> (Object) (rel.many() ? c : Math.min(c, 1L))).toList();
                assertSameElements(got.stream().map(v -> (Object) (rel.many() ? (long) v.size() : v.isNull() ? 0L : 1L)).toList(), expected);
            }
            case FieldBinding.Aggregate a -> {
                int k = access.suppressBelow(a.relationship().target());
                List<Object> expected = counts(type, a.relationship()).stream().map(c -> suppressed(c, k)).toList();
                assertSameElements(got.stream().map(v -> v.path("count").isNull() ? null : (Object) v.path("count").asLong()).toList(), expected);
            }
            case FieldBinding.Computed c -> {
                Node node = Cypher.node(type.label()).named("n");
                String cypher = SelectionTranslator.render(Cypher.match(node).returning(c.field().expression().apply(node, RowScope.NONE).as("v")).build());
                int k = c.field().counts() == null ? 0 : access.suppressBelow(SynthesisedGraph.O.nodeType(c.field().counts()));
                List<Object> expected = stored(cypher).stream().map(v -> suppressed(((Number) v).longValue(), k)).toList();
                assertSameElements(got.stream().map(v -> v.isNull() ? null : (Object) v.asLong()).toList(), expected);
            }
            case FieldBinding.Sources s -> {
                List<Object> counts = stored("MATCH (n:" + n + ") RETURN COUNT { (:SourceRecord)-[:RESOLVES_TO|MENTIONS]->(n) } AS v");
                assertThat(counts).as("the synthesised graph has sources").anyMatch(v -> ((Number) v).longValue() > 0);
                List<Object> sizes = got.stream().map(v -> (Object) (long) v.size()).toList();
                if (rule == FieldRule.CLEAR) {
                    assertSameElements(sizes, counts);
                } else {
                    assertThat(rule).isEqualTo(FieldRule.HIDDEN);
                    assertThat(sizes).allMatch(v -> v.equals(0L));
                }
            }
            case FieldBinding.Timeline t -> {
                assertThat(rule).isEqualTo(FieldRule.CLEAR);
                List<JsonNode> events = got.stream().flatMap(v -> java.util.stream.StreamSupport.stream(v.spliterator(), false)).toList();
                long expected = 0;
                for (org.jiedao.hub.api.schema.TimelineSource source : t.sources()) {
                    NodeType other = source.relationship().target();
                    FieldRule date = SCHEMA.fieldsByType().get(other.label()).stream().filter(f -> f.name().equals(source.date().name()))
                            .findFirst().map(f -> access.rule(other, f)).orElse(FieldRule.REFUSED);
                    boolean visible = access.rule(type, source.field()) != FieldRule.REFUSED && (date == FieldRule.CLEAR || date == FieldRule.MASKED);
                    List<JsonNode> from = events.stream().filter(e -> e.path("field").asText().equals(source.field().name())
                            && e.path("property").asText().equals(source.date().name())).toList();
                    if (!visible) {
                        assertThat(from).as("events of %s.%s the role may not read", source.field().name(), source.date().name()).isEmpty();
                        continue;
                    }
                    from.forEach(e -> assertThat(e.path("date").asText()).isNotEmpty());
                    String arrow = source.relationship().forward() ? "-[r:`" + source.relationship().type().type() + "`]->"
                            : "<-[r:`" + source.relationship().type().type() + "`]-";
                    String dated = (source.onRelationship() ? "r" : "t") + ".`" + source.date().name() + "`";
                    expected += stored("MATCH (n:" + n + ") RETURN COUNT { (n)" + arrow + "(t:`" + other.label() + "`) WHERE "
                            + dated + " IS NOT NULL } AS v").stream().mapToLong(v -> ((Number) v).longValue()).sum();
                }
                assertThat((long) events.size()).as("events of %s.timeline", type.label()).isEqualTo(expected);
            }
            case FieldBinding.RelationshipProperty rp -> throw new IllegalStateException("checked through a relationship");
        }
    }

    /** A relationship property, read where it is set: through a relationship field the role reads that reaches the type. */
    private static void checkRelationshipProperty(Access access, NodeType type, SchemaBuilder.Field field, FieldRule rule) {
        for (NodeType from : SCHEMA.exposedTypes()) {
            for (SchemaBuilder.Field f : SCHEMA.fieldsByType().get(from.label())) {
                if (f.binding() instanceof FieldBinding.Relationship rel && rel.target().label().equals(type.label())
                        && rel.type().property(field.name()).isPresent() && access.rule(from, f) == FieldRule.CLEAR) {
                    String query = "{ c: " + PluralNames.of(from) + "(first: 100) { edges { node { v: " + f.name() + " { f: " + field.name() + " } } } } }";
                    JsonNode r = engine.run(QueryFixture.as(access, query));
                    assertThat(r.path("errors").isMissingNode()).as("errors of %s: %s", query, r.path("errors")).isTrue();
                    List<JsonNode> got = new ArrayList<>();
                    r.path("data").path("c").path("edges").forEach(e -> {
                        JsonNode v = e.path("node").path("v");
                        if (v.isArray()) {
                            v.forEach(x -> got.add(x.path("f")));
                        } else if (!v.isNull()) {
                            got.add(v.path("f"));
                        }
                    });
                    String pattern = rel.forward() ? "(s:`" + from.label() + "`)-[r:`" + rel.type().type() + "`]->(n:`" + type.label() + "`)"
                            : "(s:`" + from.label() + "`)<-[r:`" + rel.type().type() + "`]-(n:`" + type.label() + "`)";
                    List<Object> stored = stored("MATCH " + pattern + " RETURN r.`" + field.name() + "` AS v");
                    if (rel.many() || stored.size() <= 1) {
                        assertValues(rule, rel.type().property(field.name()).orElseThrow(), got, stored);
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no relationship field the role reads reaches " + type.label() + "." + field.name());
    }

    private static void assertRefused(JsonNode r, long before, String label) {
        assertThat(r.path("errors")).as("errors").isNotEmpty();
        JsonNode e = r.path("errors").get(0);
        assertThat(e.path("extensions").path("code").asText()).as("code of %s", e).isEqualTo("FORBIDDEN");
        assertThat(e.path("message").asText()).contains(label);
        assertThat(r.path("data").isMissingNode() || r.path("data").isNull()).as("no data: %s", r.path("data")).isTrue();
        assertThat(engine.context().cypher().statementCount()).as("statements run").isEqualTo(before);
    }

    /** The stored values as the API shows them in clear: enum names for codes, text otherwise. */
    private static void assertValues(FieldRule rule, PropertyDef p, List<JsonNode> got, List<Object> storedValues) {
        List<String> stored = storedValues.stream().map(v -> v == null ? null : shown(p, v)).toList();
        assertThat(stored).as("the synthesised graph populates %s", p.name()).isNotEmpty().allMatch(Objects::nonNull);
        List<String> answered = got.stream().map(v -> v.isNull() || v.isMissingNode() ? null : v.asText()).toList();
        switch (rule) {
            case CLEAR -> assertSameElements(answered.stream().map(v -> (Object) v).toList(), stored.stream().map(v -> (Object) v).toList());
            case MASKED -> {
                assertThat(answered).hasSameSizeAs(stored).allMatch(Objects::nonNull);
                for (String a : answered) {
                    assertThat(stored).as("%s: a stored value whose mask is %s", p.name(), a)
                            .anyMatch(s -> !s.equals(a) && mask(p, s).equals(a));
                }
            }
            case HIDDEN -> assertThat(answered).hasSameSizeAs(stored).allMatch(Objects::isNull);
            case REFUSED -> throw new AssertionError("refused fields are not answered");
        }
    }

    /**
     * The mask shapes of docs/security/access-policy.md: dates the year only; an 18-character personal ID the first
     * 6 and last 4 characters, 15 characters the first 6 and last 3; a phone the first 3 and last 4; other text
     * the first character; a star for each character left out.
     */
    static String mask(PropertyDef p, String s) {
        if (p.datatype().equals("date") || p.datatype().equals("dateTime")) {
            return s.substring(0, 4) + "-**-**";
        }
        if (p.sensitivity() == Sensitivity.PERSONAL_ID && s.length() == 18) {
            return s.substring(0, 6) + "*".repeat(8) + s.substring(14);
        }
        if (p.sensitivity() == Sensitivity.PERSONAL_ID && s.length() == 15) {
            return s.substring(0, 6) + "*".repeat(6) + s.substring(12);
        }
        if ("phone".equals(p.normaliser()) && s.length() >= 8) {
            return s.substring(0, 3) + "*".repeat(s.length() - 7) + s.substring(s.length() - 4);
        }
        return s.charAt(0) + "*".repeat(s.length() - 1);
    }

    private static String shown(PropertyDef p, Object v) {
        String text = String.valueOf(v);
        return p.codeList() == null ? text : SynthesisedGraph.O.codeList(p.codeList()).byNotation(text).orElseThrow().enumName();
    }

    private static String selection(SchemaBuilder.Field f) {
        return switch (f.binding()) {
            case FieldBinding.Relationship r -> " { __typename }";
            case FieldBinding.Aggregate a -> " { count }";
            case FieldBinding.Sources s -> " { source }";
            case FieldBinding.Timeline t -> " { date field property }";
            default -> "";
        };
    }

    /** @return per node of the type, how many nodes the relationship field reaches */
    private static List<Long> counts(NodeType type, FieldBinding.Relationship rel) {
        String arrow = rel.forward() ? "-[:`" + rel.type().type() + "`]->" : "<-[:`" + rel.type().type() + "`]-";
        return stored("MATCH (n:`" + type.label() + "`) RETURN COUNT { (n)" + arrow + "(:`" + rel.target().label() + "`) } AS v")
                .stream().map(v -> ((Number) v).longValue()).toList();
    }

    private static Object suppressed(long count, int k) {
        return k > 0 && count > 0 && count < k ? null : count;
    }

    /** @return the column {@code v} of the statement's rows; read once per statement text (the graph does not change) */
    private static List<Object> stored(String cypher) {
        return STORED.computeIfAbsent(cypher, c -> engine.context().cypher().readNow(c, Map.of()).stream()
                .map(row -> row.get("v")).collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
    }

    private static final Map<String, List<Object>> STORED = new java.util.concurrent.ConcurrentHashMap<>();

    private static void assertSameElements(List<Object> answered, List<Object> expected) {
        Comparator<Object> order = Comparator.nullsFirst(Comparator.comparing(String::valueOf));
        assertThat(answered.stream().sorted(order).toList()).isEqualTo(expected.stream().sorted(order).toList());
    }
}
