package org.jiedao.hub.graph.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

class RecordWriterTest {
    private static final Ontology ONTOLOGY = Ontology.bundled();
    private final Driver driver = TestNeo4j.driver();
    private final RecordWriter writer = new RecordWriter(driver);

    @BeforeEach
    void emptyGraphWithSchema() {
        TestNeo4j.clear();
        new GraphSchema(ONTOLOGY).apply(driver);
    }

    private static RecordAssertions hukou(String key, String id, String name, String household, String relation) {
        String data = key + id + name + household + relation;
        return new RecordAssertions(new RecordRef("hukou", key, "hukou.csv line 2", ContentHash.of(data), "{}"),
                List.of(new NodeAssertion("person", ONTOLOGY.nodeType("Person"), id,
                                Map.of("idNumber", id, "name", name, "birthDate", LocalDate.of(1990, 1, 1)), WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("household", ONTOLOGY.nodeType("Household"), household,
                                Map.of("householdNumber", household), WriteMode.AUTHORITATIVE, false)),
                List.of(new RelationshipAssertion(ONTOLOGY.relationshipType("MEMBER_OF"), "person", "household",
                        Map.of("relationToHead", relation))));
    }

    private static RecordAssertions caller(String caseNo, String id, String name) {
        return new RecordAssertions(new RecordRef("hotline12345", caseNo, "cases.json [0]", ContentHash.of(caseNo + id + name), "{}"),
                List.of(new NodeAssertion("case", ONTOLOGY.nodeType("Case"), caseNo, Map.of("caseNumber", caseNo), WriteMode.AUTHORITATIVE, true),
                        new NodeAssertion("caller", ONTOLOGY.nodeType("Person"), id, Map.of("idNumber", id, "name", name, "phone", "13800000000"),
                                WriteMode.FILL, false)),
                List.of(new RelationshipAssertion(ONTOLOGY.relationshipType("REPORTED_BY"), "case", "caller", Map.of())));
    }

    private long count(String cypher) {
        try (var s = driver.session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    private Map<String, Object> person(String id) {
        try (var s = driver.session()) {
            return s.run("MATCH (p:Person {idNumber: $id}) RETURN properties(p) AS p", Map.of("id", id)).single().get("p").asMap();
        }
    }

    @Test
    void theSamePersonFromTwoSourcesIsOneNodeWithBothRecordsAsProvenance() {
        writer.write(List.of(hukou("H1-110102199001010011", "110102199001010011", "林晓雨", "H1", "户主")), List.of());
        writer.write(List.of(caller("12345-1", "110102199001010011", "林小雨")), List.of());

        assertThat(count("MATCH (p:Person) RETURN count(p)")).isEqualTo(1);
        assertThat(count("MATCH (:SourceRecord)-[:RESOLVES_TO|MENTIONS]->(p:Person) RETURN count(*)")).isEqualTo(2);
        assertThat(count("MATCH (:Case)-[:REPORTED_BY]->(:Person)-[:MEMBER_OF {relationToHead: '户主'}]->(:Household) RETURN count(*)")).isEqualTo(1);
    }

    @Test
    void authoritativeValuesWinAndFillOnlyAddsWhatIsMissing() {
        writer.write(List.of(caller("12345-1", "110102199001010011", "林小雨")), List.of());
        writer.write(List.of(hukou("H1-110102199001010011", "110102199001010011", "林晓雨", "H1", "户主")), List.of());
        writer.write(List.of(caller("12345-2", "110102199001010011", "林小羽")), List.of());

        Map<String, Object> p = person("110102199001010011");
        assertThat(p.get("name")).isEqualTo("林晓雨");
        assertThat(p.get("phone")).isEqualTo("13800000000");
        assertThat(p.get("birthDate")).isEqualTo(LocalDate.of(1990, 1, 1));
    }

    @Test
    void reWritingTheSameRecordsChangesNothing() {
        List<RecordAssertions> batch = List.of(hukou("H1-A", "110102199001010011", "林晓雨", "H1", "户主"),
                hukou("H1-B", "110102199001020010", "王伟", "H1", "配偶"));
        WriteSummary first = writer.write(batch, List.of());
        long nodes = count("MATCH (n) RETURN count(n)");
        long rels = count("MATCH ()-[r]->() RETURN count(r)");
        WriteSummary second = writer.write(batch, List.of());

        assertThat(first.written()).isEqualTo(2);
        assertThat(second.written()).isZero();
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(nodes);
        assertThat(count("MATCH ()-[r]->() RETURN count(r)")).isEqualTo(rels);
    }

    @Test
    void relationshipsListEveryRecordThatAssertedThemOnce() {
        writer.write(List.of(hukou("H1-A", "110102199001010011", "林晓雨", "H1", "户主")), List.of());
        writer.write(List.of(hukou("H1-A2", "110102199001010011", "林晓雨", "H1", "户主")), List.of());
        writer.write(List.of(hukou("H1-A2", "110102199001010011", "林晓雨", "H1", "户主")), List.of());
        try (var s = driver.session()) {
            List<Object> sources = s.run("MATCH (:Person)-[r:MEMBER_OF]->() RETURN r.sources AS s").single().get("s").asList();
            assertThat(sources).containsExactlyInAnyOrder("hukou:H1-A", "hukou:H1-A2");
        }
    }

    @Test
    void quarantinedRecordsAreKeptOnceWithReasonAndLocation() {
        Quarantined q = new Quarantined("hukou", "hukou.csv line 7", "公民身份号码 (idNumber): check character", "{\"姓名\":\"张三\"}");
        writer.write(List.of(), List.of(q));
        writer.write(List.of(), List.of(q));
        try (var s = driver.session()) {
            var r = s.run("MATCH (q:QuarantinedRecord) RETURN q.location AS l, q.reason AS r, q.raw AS raw").single();
            assertThat(r.get("l").asString()).isEqualTo("hukou.csv line 7");
            assertThat(r.get("r").asString()).contains("check character");
            assertThat(r.get("raw").asString()).contains("张三");
        }
    }

    @Test
    void referenceNodesAreNeverCreatedByARecord() {
        var rec = new RecordAssertions(new RecordRef("hukou", "k", "l", "h", "{}"),
                List.of(new NodeAssertion("address", ONTOLOGY.nodeType("Address"), "府右街1号", Map.of("text", "府右街1号"), WriteMode.FILL, true),
                        new NodeAssertion("community", ONTOLOGY.nodeType("Community"), "110102001999", Map.of("code", "110102001999"),
                                WriteMode.REFERENCE, false)),
                List.of(new RelationshipAssertion(ONTOLOGY.relationshipType("IN_COMMUNITY"), "address", "community", Map.of())));
        writer.write(List.of(rec), List.of());
        assertThat(count("MATCH (c:Community) RETURN count(c)")).isZero();
        assertThat(count("MATCH (a:Address) RETURN count(a)")).isEqualTo(1);
    }

    @Test
    void schemaGivesEveryNodeTypeAUniqueKey() {
        assertThat(count("SHOW CONSTRAINTS YIELD labelsOrTypes, properties WHERE 'Person' IN labelsOrTypes "
                + "RETURN count(*)")).as("the ID number, and the entity id of entity resolution").isEqualTo(2);
        assertThat(count("SHOW CONSTRAINTS YIELD labelsOrTypes, properties WHERE 'Person' IN labelsOrTypes "
                + "AND properties = ['entityId'] RETURN count(*)")).isEqualTo(1);
        assertThat(new GraphSchema(ONTOLOGY).statements()).anyMatch(s -> s.contains("FOR (n:Vehicle) REQUIRE n.plate IS UNIQUE"));
    }
}
