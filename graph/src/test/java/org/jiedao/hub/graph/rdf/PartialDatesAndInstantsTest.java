package org.jiedao.hub.graph.rdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.ontology.Iris;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
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
import org.neo4j.driver.Value;

/**
 * Values the loaders' normalisers produce, through the real writer into Neo4j and back out as RDF: a partial birth
 * date (ISO 8601 reduced precision, stored as a string, exported as xsd:gYearMonth / xsd:gYear), a full one (a Neo4j
 * Date), and a timestamp read in a source's zone (an OffsetDateTime, stored as a Neo4j DateTime with its offset).
 */
class PartialDatesAndInstantsTest {
    private static final Ontology O = Ontology.bundled();
    private static final Driver DRIVER = TestNeo4j.driver();
    private static final String YEAR_MONTH_PERSON = "110102195003071231";
    private static final String YEAR_PERSON = "11010219500307124X";
    private static final String CASE = "12345-20240301-00042";
    private static final OffsetDateTime REPORTED = OffsetDateTime.parse("2024-03-01T08:30+08:00");
    private static RdfExporter exporter;

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        new GraphSchema(O).apply(DRIVER);
        new RecordWriter(DRIVER).write(List.of(
                record("hukou", "h1", List.of(node("p", "Person", YEAR_MONTH_PERSON,
                        Map.of("idNumber", YEAR_MONTH_PERSON, "name", "張偉", "nameKey", "张伟", "birthDate", "1950-03"), true)),
                        List.of()),
                record("hukou", "h2", List.of(node("p", "Person", YEAR_PERSON,
                        Map.of("idNumber", YEAR_PERSON, "birthDate", "1950"), true)), List.of()),
                record("hotline12345", CASE, List.of(
                                node("c", "Case", CASE, Map.of("caseNumber", CASE, "reportedAt", REPORTED), true),
                                node("p", "Person", YEAR_MONTH_PERSON, Map.of("idNumber", YEAR_MONTH_PERSON), false)),
                        List.of(new RelationshipAssertion(O.relationshipType("REPORTED_BY"), "c", "p", Map.of())))),
                List.of());
        exporter = new RdfExporter(DRIVER, O);
    }

    private static RecordAssertions record(String source, String key, List<NodeAssertion> nodes, List<RelationshipAssertion> rels) {
        return new RecordAssertions(new RecordRef(source, key, source + ".csv line 2", ContentHash.of(source + key), "{}"), nodes, rels);
    }

    private static NodeAssertion node(String alias, String label, Object key, Map<String, Object> props, boolean primary) {
        return new NodeAssertion(alias, O.nodeType(label), key, props, primary ? WriteMode.AUTHORITATIVE : WriteMode.FILL, primary);
    }

    private static Value stored(String cypher, Map<String, Object> params) {
        try (var s = DRIVER.session()) {
            return s.run(cypher, params).single().get(0);
        }
    }

    @Test
    void aPartialDateIsStoredAsItsIsoTextAndATimestampAsADateTimeWithItsOffset() {
        assertThat(stored("MATCH (p:Person {idNumber: $id}) RETURN p.birthDate", Map.of("id", YEAR_MONTH_PERSON)).asObject())
                .isEqualTo("1950-03");
        Object reported = stored("MATCH (c:Case {caseNumber: $k}) RETURN c.reportedAt", Map.of("k", CASE)).asObject();
        assertThat(reported).isInstanceOf(ZonedDateTime.class);
        assertThat(((ZonedDateTime) reported).toOffsetDateTime()).isEqualTo(REPORTED);
        assertThat(stored("MATCH (c:Case {caseNumber: $k}) RETURN c.reportedAt.epochMillis = datetime('2024-03-01T00:30:00Z').epochMillis",
                Map.of("k", CASE)).asBoolean()).as("the same instant").isTrue();
    }

    @Test
    void theRdfExportTypesPartialDatesAsGYearMonthAndGYearAndConformsToTheShapes() {
        NodeType person = O.nodeType("Person");
        Model m = exporter.export(person, YEAR_MONTH_PERSON, 1);
        Literal birth = m.getResource(Iris.entity(person, YEAR_MONTH_PERSON))
                .getProperty(m.createProperty(person.property("birthDate").orElseThrow().iri())).getLiteral();
        assertThat(birth.getDatatype()).isEqualTo(XSDDatatype.XSDgYearMonth);
        assertThat(birth.getLexicalForm()).isEqualTo("1950-03");
        Literal reported = m.getResource(Iris.entity(O.nodeType("Case"), CASE))
                .getProperty(m.createProperty(O.nodeType("Case").property("reportedAt").orElseThrow().iri())).getLiteral();
        assertThat(reported.getDatatype()).isEqualTo(XSDDatatype.XSDdateTime);
        assertThat(reported.getLexicalForm()).isEqualTo("2024-03-01T08:30:00+08:00");
        assertThat(new OntologyShapes(O, OntologyShapes.Mode.ENTITY).validate(m)).isEmpty();

        Model year = exporter.export(person, YEAR_PERSON, 0);
        Literal y = year.getResource(Iris.entity(person, YEAR_PERSON))
                .getProperty(year.createProperty(person.property("birthDate").orElseThrow().iri())).getLiteral();
        assertThat(y.getDatatype()).isEqualTo(XSDDatatype.XSDgYear);
        assertThat(y.getLexicalForm()).isEqualTo("1950");
    }
}
