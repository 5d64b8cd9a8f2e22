package org.jiedao.hub.graph.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.PropertyDef;
import org.jiedao.hub.ontology.Sensitivity;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.jiedao.hub.ontology.shacl.OntologyShapes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** RDF export of a subgraph written through the real writer: shape, round trip, SHACL, depth, limits, errors. */
class RdfExporterTest {
    private static final Ontology O = Ontology.bundled();
    private static final String HEAD = "110102199001010011";
    private static final String SPOUSE = "110102199203040024";
    private static final String HOUSEHOLD = "012345678";
    private static final String PLATE = "京A12345";
    private static final String CASE = "12345-20260314-00001";
    private static final Driver DRIVER = TestNeo4j.driver();
    private static final PropertyDef RELATION_TO_HEAD = O.relationshipType("MEMBER_OF").property("relationToHead").orElseThrow();
    private static RdfExporter exporter;

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        new GraphSchema(O).apply(DRIVER);
        new RecordWriter(DRIVER).write(List.of(
                hukou(HEAD, "林晓雨", "户主"), hukou(SPOUSE, "王芳", "配偶"),
                record("vehicles", PLATE, List.of(
                                node("v", "Vehicle", PLATE, Map.of("plate", PLATE, "vehicleType", "小型汽车",
                                        "registeredOn", LocalDate.of(2019, 5, 6)), true),
                                node("o", "Person", HEAD, Map.of("idNumber", HEAD), false)),
                        List.of(rel("OWNS", "o", "v", Map.of()))),
                record("hotline12345", CASE, List.of(
                                // A whole minute: Java prints it without seconds, which xsd:dateTime does not allow.
                                node("c", "Case", CASE, Map.of("caseNumber", CASE, "category", "噪音扰民",
                                        "status", code(O.nodeType("Case").property("status").orElseThrow(), "已办结"),
                                        "reportedAt", LocalDateTime.of(2026, 3, 14, 9, 21)), true),
                                node("p", "Person", HEAD, Map.of("idNumber", HEAD, "phone", "+8613800000000"), false)),
                        List.of(rel("REPORTED_BY", "c", "p", Map.of())))), List.of());
        try (var s = DRIVER.session()) {
            // Things the ontology does not know: an extra label on the person, a node with only an unknown label.
            s.run("MATCH (p:Person {idNumber: $id}) SET p:Vip CREATE (p)-[:OWNS {sources: []}]->(:Gadget {plate: 'X1'})",
                    Map.of("id", HEAD)).consume();
        }
        exporter = new RdfExporter(DRIVER, O);
    }

    private static RecordAssertions hukou(String id, String name, String relation) {
        return record("hukou", HOUSEHOLD + "-" + id, List.of(
                        node("p", "Person", id, Map.of("idNumber", id, "name", name, "gender", "2",
                                "birthDate", LocalDate.of(1990, 1, 1)), true),
                        node("h", "Household", HOUSEHOLD, Map.of("householdNumber", HOUSEHOLD), false),
                        node("a", "Address", "府右街12号", Map.of("text", "府右街12号"), false)),
                List.of(rel("MEMBER_OF", "p", "h", Map.of("relationToHead", code(RELATION_TO_HEAD, relation))),
                        rel("RESIDES_AT", "p", "a", Map.of()), rel("REGISTERED_AT", "h", "a", Map.of())));
    }

    /** The stored value for a Chinese term: the code's notation if the property has a code list, else the term. */
    private static String code(PropertyDef p, String labelZh) {
        return p.codeList() == null ? labelZh : O.codeList(p.codeList()).codes().stream()
                .filter(c -> c.labelZh().equals(labelZh)).findFirst().orElseThrow().notation();
    }

    private static RecordAssertions record(String source, String key, List<NodeAssertion> nodes, List<RelationshipAssertion> rels) {
        return new RecordAssertions(new RecordRef(source, key, source + ".csv line 2", ContentHash.of(source + key), "{}"), nodes, rels);
    }

    private static NodeAssertion node(String alias, String label, Object key, Map<String, Object> props, boolean primary) {
        return new NodeAssertion(alias, O.nodeType(label), key, props, primary ? WriteMode.AUTHORITATIVE : WriteMode.FILL, primary);
    }

    private static RelationshipAssertion rel(String type, String from, String to, Map<String, Object> props) {
        return new RelationshipAssertion(O.relationshipType(type), from, to, props);
    }

    private static Resource entity(Model m, String label, String key) {
        return m.createResource(Iris.entity(O.nodeType(label), key));
    }

    private static Property property(Model m, NodeType type, String name) {
        return m.createProperty(type.property(name).orElseThrow().iri());
    }

    private static Property relationship(Model m, String type) {
        return m.createProperty(O.relationshipType(type).iri());
    }

    private static Set<String> entitiesOf(Model m, String label) {
        return m.listSubjectsWithProperty(RDF.type, m.createResource(O.nodeType(label).iri())).toList().stream()
                .map(Resource::getURI).collect(Collectors.toSet());
    }

    private static byte[] written(Model m, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.write(m, format, out);
        return out.toByteArray();
    }

    @Test
    void aPersonComesOutWithTypedValuesRelationshipsReifiedPropertiesAndProvOProvenance() {
        Model m = exporter.export(O.nodeType("Person"), HEAD, 1);
        NodeType person = O.nodeType("Person");
        Resource head = entity(m, "Person", HEAD);

        assertThat(m.contains(head, RDF.type, m.createResource(person.iri()))).isTrue();
        assertThat(head.getProperty(property(m, person, "name")).getString()).isEqualTo("林晓雨");
        Literal birth = head.getProperty(property(m, person, "birthDate")).getLiteral();
        assertThat(birth.getDatatype()).isEqualTo(XSDDatatype.XSDdate);
        assertThat(birth.getLexicalForm()).isEqualTo("1990-01-01");
        assertThat(m.contains(head, relationship(m, "MEMBER_OF"), entity(m, "Household", HOUSEHOLD))).isTrue();
        assertThat(m.contains(head, relationship(m, "OWNS"), entity(m, "Vehicle", PLATE))).isTrue();
        assertThat(m.contains(entity(m, "Case", CASE), relationship(m, "REPORTED_BY"), head)).isTrue();

        Literal reported = entity(m, "Case", CASE).getProperty(property(m, O.nodeType("Case"), "reportedAt")).getLiteral();
        assertThat(reported.getDatatype()).isEqualTo(XSDDatatype.XSDdateTime);
        assertThat(reported.getLexicalForm()).isEqualTo("2026-03-14T09:21:00");

        // MEMBER_OF's relationToHead on a reification of the triple, with the record that asserted it.
        Resource statement = m.listSubjectsWithProperty(RDF.predicate, relationship(m, "MEMBER_OF")).toList().stream()
                .filter(s -> s.hasProperty(RDF.subject, head)).findFirst().orElseThrow();
        assertThat(statement.hasProperty(RDF.type, RDF.Statement)).isTrue();
        assertThat(statement.getProperty(RDF.object).getResource()).isEqualTo(entity(m, "Household", HOUSEHOLD));
        assertThat(statement.getProperty(m.createProperty(RELATION_TO_HEAD.iri())).getString()).isEqualTo(code(RELATION_TO_HEAD, "户主"));
        Resource hukouRecord = entity(m, "SourceRecord", "hukou:" + HOUSEHOLD + "-" + HEAD);
        Property derivedFrom = m.createProperty(RdfExporter.PROV + "wasDerivedFrom");
        assertThat(statement.hasProperty(derivedFrom, hukouRecord)).isTrue();

        // Every record about the person: a prov:Entity with its provenance values, linked both ways.
        NodeType rec = O.nodeType("SourceRecord");
        List<RDFNode> sources = m.listObjectsOfProperty(head, derivedFrom).toList();
        assertThat(sources).hasSize(3);
        for (RDFNode s : sources) {
            Resource r = s.asResource();
            assertThat(r.hasProperty(RDF.type, m.createResource(rec.iri()))).isTrue();
            assertThat(r.hasProperty(RDF.type, m.createResource(RdfExporter.PROV + "Entity"))).isTrue();
            assertThat(r.getProperty(property(m, rec, "ingestedAt")).getLiteral().getDatatype()).isEqualTo(XSDDatatype.XSDdateTime);
            assertThat(r.getProperty(property(m, rec, "location")).getString()).endsWith(".csv line 2");
            assertThat(r.hasProperty(relationship(m, "RESOLVES_TO"), head) || r.hasProperty(relationship(m, "MENTIONS"), head)).isTrue();
        }
        assertThat(hukouRecord.hasProperty(relationship(m, "RESOLVES_TO"), head)).isTrue();
        // The resolution link's own properties (rule, score, decision time), if the ontology declares them, reified too.
        for (PropertyDef p : O.relationshipType("RESOLVES_TO").properties()) {
            assertThat(m.listSubjectsWithProperty(RDF.subject, hukouRecord).toList())
                    .filteredOn(st -> st.hasProperty(RDF.predicate, relationship(m, "RESOLVES_TO")) && st.hasProperty(RDF.object, head))
                    .singleElement().satisfies(st -> assertThat(st.hasProperty(m.createProperty(p.iri()))).as(p.name()).isTrue());
        }
        assertThat(m.listObjectsOfProperty(head, derivedFrom).toList().stream().map(n -> n.asResource()
                .getProperty(property(m, rec, "source")).getString())).containsExactlyInAnyOrder("hukou", "vehicles", "hotline12345");

        assertThat(m.getNsPrefixURI("jd")).isEqualTo(Ontology.NS);
        assertThat(m.getNsPrefixURI("prov")).isEqualTo(RdfExporter.PROV);
        assertThat(m.getNsPrefixURI("xsd")).isNotNull();
    }

    @Test
    void labelsAndNodesTheOntologyLacksAreSkippedNotInvented() {
        Model m = exporter.export(O.nodeType("Person"), HEAD, 1);
        Resource head = entity(m, "Person", HEAD);
        assertThat(head.listProperties(RDF.type).toList()).hasSize(1);
        assertThat(m.listObjectsOfProperty(head, relationship(m, "OWNS")).toList())
                .containsExactly(entity(m, "Vehicle", PLATE));
        assertThat(m.listStatements().toList()).noneMatch(s -> s.getObject().toString().contains("X1")
                || s.getObject().toString().contains("Vip") || s.getObject().toString().contains("Gadget"));
        // Every predicate is RDF's, PROV-O's or the ontology's.
        Set<String> known = new java.util.HashSet<>();
        O.nodeTypes().forEach(t -> t.properties().forEach(p -> known.add(p.iri())));
        O.relationshipTypes().forEach(r -> {
            known.add(r.iri());
            r.properties().forEach(p -> known.add(p.iri()));
        });
        assertThat(m.listStatements().toList()).allMatch(s -> s.getPredicate().getURI().startsWith(RDF.getURI())
                || s.getPredicate().getURI().startsWith(RdfExporter.PROV) || known.contains(s.getPredicate().getURI()));
        // A record's special-category values (its raw data) stay in the graph.
        for (PropertyDef p : O.nodeType(RdfExporter.RECORD_LABEL).properties()) {
            if (p.sensitivity() == Sensitivity.SPECIAL_CATEGORY) {
                assertThat(m.listStatements(null, m.createProperty(p.iri()), (RDFNode) null).toList()).as(p.name()).isEmpty();
            }
        }
    }

    @Test
    void turtleAndJsonLdReadBackIntoTheSameGraphWhichConformsToTheShapes() {
        Model exported = exporter.export(O.nodeType("Person"), HEAD, 2);
        for (var format : List.of(Map.entry("turtle", Lang.TURTLE), Map.entry("jsonld", Lang.JSONLD))) {
            byte[] bytes = written(exported, format.getKey());
            Model read = ModelFactory.createDefaultModel();
            RDFParser.source(new ByteArrayInputStream(bytes)).lang(format.getValue()).parse(read);
            assertThat(read.isIsomorphicWith(exported)).as(format.getKey()).isTrue();
            assertThat(new OntologyShapes(O, OntologyShapes.Mode.ENTITY).validate(read)).as(format.getKey()).isEmpty();
        }
        String turtle = new String(written(exported, "turtle"), StandardCharsets.UTF_8);
        assertThat(turtle).containsPattern("(?i)prefix jd:").containsPattern("(?i)prefix prov:").contains("jd:Person").contains("林晓雨");
        String jsonld = new String(written(exported, "JSONLD"), StandardCharsets.UTF_8);
        assertThat(jsonld).contains("\"@context\"").contains("\"jd\"").contains("\"@graph\"");
        assertThat(exported.listStatements().toList()).filteredOn(s -> s.getObject().isLiteral())
                .allMatch(s -> s.getLiteral().getDatatype().isValid(s.getLiteral().getLexicalForm()));
    }

    @Test
    void depthZeroIsThePersonWithItsProvenanceAndDepthTwoReachesTheHouseholdsOtherMembers() {
        Model zero = exporter.export(O.nodeType("Person"), HEAD, 0);
        Model one = exporter.export(O.nodeType("Person"), HEAD, 1);
        Model two = exporter.export(O.nodeType("Person"), HEAD, 2);
        String head = Iris.entity(O.nodeType("Person"), HEAD);
        String spouse = Iris.entity(O.nodeType("Person"), SPOUSE);

        assertThat(entitiesOf(zero, "Person")).containsExactly(head);
        assertThat(entitiesOf(zero, "Household")).isEmpty();
        assertThat(zero.listStatements(null, relationship(zero, "MEMBER_OF"), (RDFNode) null).toList()).isEmpty();
        assertThat(entitiesOf(zero, "SourceRecord")).hasSize(3);

        assertThat(entitiesOf(one, "Person")).containsExactly(head);
        assertThat(entitiesOf(one, "Household")).hasSize(1);
        assertThat(entitiesOf(one, "Vehicle")).hasSize(1);
        assertThat(entitiesOf(one, "Case")).hasSize(1);
        assertThat(entitiesOf(one, "Address")).hasSize(1);

        assertThat(entitiesOf(two, "Person")).containsExactlyInAnyOrder(head, spouse);
        assertThat(two.listStatements(null, relationship(two, "MEMBER_OF"), (RDFNode) null).toList()).hasSize(2);
        assertThat(two.size()).isGreaterThan(one.size());
        assertThat(one.size()).isGreaterThan(zero.size());
    }

    @Test
    void missingEntitiesBadArgumentsAndOversizedSubgraphsFailClearly() {
        NodeType person = O.nodeType("Person");
        assertThatThrownBy(() -> exporter.export(person, "11010219850307001X", 1))
                .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("Person").hasMessageContaining("11010219850307001X");
        assertThatThrownBy(() -> exporter.export(person, HEAD, RdfExporter.MAX_DEPTH + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
        assertThatThrownBy(() -> exporter.export(person, HEAD, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> exporter.export(O.nodeType("SourceRecord"), "hukou:x", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entity");
        assertThatThrownBy(() -> new RdfExporter(DRIVER, O, 3).export(person, HEAD, 2))
                .isInstanceOf(ExportTooLargeException.class).hasMessageContaining("more than 3").hasMessageContaining("Person:" + HEAD);
        assertThat(new RdfExporter(DRIVER, O, 1).export(person, HEAD, 0).isEmpty()).isFalse();
        Model m = exporter.export(person, HEAD, 0);
        assertThatThrownBy(() -> exporter.write(m, "rdfxml", new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rdfxml").hasMessageContaining("turtle, jsonld");
    }

    @Test
    void theStatementsComeFromTheOntologyAndCarryValuesAsParameters() {
        ExportStatements statements = new ExportStatements(O, O.findNodeType(RdfExporter.RECORD_LABEL));
        String subgraph = statements.subgraph(O.nodeType("Person"), 2);
        assertThat(subgraph).contains("$key").contains("$cap").contains("*0..2").doesNotContain(HEAD);
        for (var r : O.relationshipTypes()) {
            boolean provenance = ExportStatements.isProvenance(r, O.findNodeType(RdfExporter.RECORD_LABEL));
            boolean touchesRecords = ExportStatements.touches(r, O.findNodeType(RdfExporter.RECORD_LABEL));
            assertThat(statements.entityTypes().contains(r.type())).as(r.type()).isEqualTo(!touchesRecords);
            assertThat(statements.linkTypes().contains(r.type())).as(r.type()).isEqualTo(provenance);
        }
        assertThat(statements.linkTypes()).contains("RESOLVES_TO", "MENTIONS");
        assertThat(statements.details().orElseThrow()).contains("$ids").contains("UNION ALL");
    }
}
