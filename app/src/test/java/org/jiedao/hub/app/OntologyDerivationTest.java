package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import org.jiedao.hub.api.schema.ComputedFields;
import org.jiedao.hub.api.schema.AggregateTypes;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.RelationshipType;
import org.jiedao.hub.ontology.docs.OntologyDocs;
import org.jiedao.hub.ontology.shacl.OntologyShapes;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md decision 3, checked: the Neo4j schema, the GraphQL schema, the SHACL shapes and the documentation are
 * derived from the ontology, cover all of it, and hold nothing it lacks. Adding a property to the Turtle alone
 * makes it appear everywhere.
 */
class OntologyDerivationTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();

    private static TypeDefinitionRegistry sdl(Ontology o) {
        return new SchemaParser().parse(new SchemaBuilder(o, ComputedFields.all()).sdl());
    }

    @Test
    void everyExposedClassPropertyAndRelationshipIsInTheGraphQLSchema() {
        TypeDefinitionRegistry sdl = sdl(ONTOLOGY);
        SchemaBuilder schema = new SchemaBuilder(ONTOLOGY, ComputedFields.all());
        for (NodeType t : schema.exposedTypes()) {
            ObjectTypeDefinition type = sdl.getType(t.label(), ObjectTypeDefinition.class).orElseThrow(() -> new AssertionError(t.label()));
            Set<String> fields = new HashSet<>(type.getFieldDefinitions().stream().map(FieldDefinition::getName).toList());
            for (PropertyDef p : t.properties()) {
                assertThat(fields).as(t.label()).contains(p.name());
            }
            for (RelationshipType r : ONTOLOGY.relationshipTypes()) {
                boolean bothExposed = r.from().isPresent() && r.to().isPresent()
                        && schema.exposedTypes().contains(r.from().get()) && schema.exposedTypes().contains(r.to().get());
                if (bothExposed && r.forwardField() != null && ONTOLOGY.labels(t).contains(r.from().get().label())) {
                    assertThat(fields).as(t.label() + " -" + r.type() + "->").contains(r.forwardField());
                }
                if (bothExposed && r.inverseField() != null && ONTOLOGY.labels(t).contains(r.to().get().label())) {
                    assertThat(fields).as(t.label() + " <-" + r.type() + "-").contains(r.inverseField());
                }
            }
        }
        for (CodeList c : schema.enums()) {
            EnumTypeDefinition e = sdl.getType(c.enumName(), EnumTypeDefinition.class).orElseThrow();
            assertThat(e.getEnumValueDefinitions()).hasSameSizeAs(c.codes());
        }
    }

    @Test
    void theGraphQLSchemaHoldsNothingTheOntologyLacks() {
        SchemaBuilder schema = new SchemaBuilder(ONTOLOGY, ComputedFields.all());
        // the types of the querying conventions (docs/graphql/querying.md) are derived per node type and code list
        // provenance: SourceRef, its asserted values and the evidence of a link (MatchEvidence, ComparisonEvidence);
        // the events of a timeline; the interface Node of every node type, with its sealed ref (node(ref:))
        Set<String> allowedTypes = new HashSet<>(List.of("Query", "SourceRef", "AssertedValue", "MatchEvidence", "ComparisonEvidence",
                "TimelineEvent", "Node",
                AggregateTypes.NUMBER, AggregateTypes.STRING,
                "SortDirection", "PageInfo", "StringFilter"));
        schema.exposedTypes().forEach(t -> allowedTypes.addAll(List.of(t.label(), AggregateTypes.typeName(t),
                t.label() + "Where", t.label() + "Sort", t.label() + "Connection", t.label() + "Edge", t.label() + "RelationFilter")));
        schema.enums().forEach(c -> allowedTypes.addAll(List.of(c.enumName(), c.enumName() + "Filter")));
        TypeDefinitionRegistry sdl = sdl(ONTOLOGY);
        assertThat(sdl.types().keySet()).isSubsetOf(allowedTypes);
        for (NodeType t : schema.exposedTypes()) {
            // a timeline wherever a relationship field is dated (TimelineSource)
            Set<String> fromOntology = new HashSet<>(List.of("sources", "timeline", "ref"));
            t.properties().forEach(p -> fromOntology.add(p.name()));
            ComputedFields.all().stream().filter(c -> c.typeLabel().equals(t.label())).forEach(c -> fromOntology.add(c.name()));
            for (RelationshipType r : ONTOLOGY.relationshipTypes()) {
                boolean from = r.from().isPresent() && ONTOLOGY.labels(t).contains(r.from().get().label());
                boolean to = r.to().isPresent() && ONTOLOGY.labels(t).contains(r.to().get().label());
                if (from && r.forwardField() != null) {
                    fromOntology.add(r.forwardField());
                    if (r.forwardMany()) {
                        fromOntology.add(AggregateTypes.fieldName(r.forwardField()));
                    }
                }
                if (to && r.inverseField() != null) {
                    fromOntology.add(r.inverseField());
                    if (r.inverseMany()) {
                        fromOntology.add(AggregateTypes.fieldName(r.inverseField()));
                    }
                }
                if (from || to) {
                    r.properties().forEach(p -> fromOntology.add(p.name()));
                }
            }
            assertThat(sdl.getType(t.label(), ObjectTypeDefinition.class).orElseThrow().getFieldDefinitions())
                    .extracting(FieldDefinition::getName).as(t.label()).allMatch(fromOntology::contains);
            Set<String> aggregated = new HashSet<>(List.of("count"));
            t.properties().forEach(p -> aggregated.add(p.name()));
            assertThat(sdl.getType(AggregateTypes.typeName(t), ObjectTypeDefinition.class).orElseThrow().getFieldDefinitions())
                    .extracting(FieldDefinition::getName).as(AggregateTypes.typeName(t)).allMatch(aggregated::contains);
        }
    }

    @Test
    void theNeo4jSchemaCoversEveryKeyAndHoldsOnlyOntologyLabels() {
        TestNeo4j.clear();
        new GraphSchema(ONTOLOGY).apply(TestNeo4j.driver());
        Set<String> labels = new HashSet<>();
        ONTOLOGY.nodeTypes().forEach(t -> labels.add(t.label()));
        try (var s = TestNeo4j.driver().session()) {
            List<String> constrained = s.run("SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN labelsOrTypes[0] + '.' + properties[0] AS c")
                    .list(r -> r.get("c").asString());
            for (NodeType t : ONTOLOGY.nodeTypes()) {
                NodeType merge = ONTOLOGY.mergeType(t);
                assertThat(constrained).as(t.label()).contains(merge.label() + "." + merge.key().name());
            }
            List<String> indexedLabels = s.run("SHOW INDEXES YIELD labelsOrTypes, entityType WHERE entityType = 'NODE' "
                    + "AND labelsOrTypes IS NOT NULL RETURN labelsOrTypes").list(r -> r.get("labelsOrTypes").asList(v -> v.asString()))
                    .stream().flatMap(List::stream).distinct().toList();
            assertThat(indexedLabels).isSubsetOf(labels);
        }
    }

    @Test
    void fullTextIndexesUseTheCjkAnalyzerForNamesAndAddresses() {
        List<String> statements = new GraphSchema(ONTOLOGY).statements();
        ONTOLOGY.nodeTypes().stream().filter(t -> t.properties().stream().anyMatch(PropertyDef::fulltext))
                .forEach(t -> assertThat(statements).anyMatch(s -> s.contains("FULLTEXT INDEX " + t.label() + "_fulltext")
                        && s.contains("'cjk'")));
        assertThat(ONTOLOGY.nodeType("Person").property("name")).get().extracting(PropertyDef::fulltext).isEqualTo(true);
    }

    @Test
    void aPropertyAddedToTheTurtleAloneAppearsInGraphSchemaGraphQLShapesAndDocs() throws IOException {
        String extra = """

                jd:nickname a owl:DatatypeProperty ;
                    rdfs:label "别名"@zh , "nickname"@en ;
                    skos:definition "常用的别名。"@zh , "A name the person is also known by."@en ;
                    rdfs:domain jd:Person ; rdfs:range xsd:string ;
                    hub:propertyName "nickname" ; hub:sensitivity hub:Personal ; hub:indexed true ; hub:fulltext true .
                """;
        Ontology changed;
        try (InputStream domain = turtle("jiedao.ttl", extra); InputStream codes = turtle("codelists.ttl", "")) {
            changed = Ontology.parse(domain, codes);
        }
        assertThat(changed.nodeType("Person").property("nickname")).isPresent();
        assertThat(new GraphSchema(changed).statements()).anyMatch(s -> s.contains("ON (n.nickname)"))
                .anyMatch(s -> s.contains("Person_fulltext") && s.contains("n.nickname"));
        assertThat(sdl(changed).getType("Person", ObjectTypeDefinition.class).orElseThrow().getFieldDefinitions())
                .extracting(FieldDefinition::getName).contains("nickname");
        assertThat(OntologyDocs.markdown(changed)).contains("| `nickname` | 别名 | nickname |");
        assertThat(new OntologyShapes(changed, OntologyShapes.Mode.ENTITY).model().listObjects().toList())
                .anyMatch(n -> n.isURIResource() && n.asResource().getURI().endsWith("#nickname"));
        assertThat(OntologyDocs.markdown(ONTOLOGY)).doesNotContain("nickname");
    }

    @Test
    void theSensitiveFieldsListComesFromTheAnnotations() {
        var sensitive = new SchemaBuilder(ONTOLOGY, ComputedFields.all()).sensitiveFields();
        assertThat(sensitive.get("Person")).containsKeys("idNumber", "name");
        assertThat(sensitive.getOrDefault("Case", java.util.Map.of())).doesNotContainKey("category");
    }

    private static InputStream turtle(String name, String appended) throws IOException {
        try (InputStream in = Ontology.class.getResourceAsStream("/org/jiedao/hub/ontology/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8) + appended;
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
