package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.ontology.assertion.ContentHash;
import org.jiedao.hub.ontology.assertion.NodeAssertion;
import org.jiedao.hub.ontology.assertion.RecordAssertions;
import org.jiedao.hub.ontology.assertion.RecordRef;
import org.jiedao.hub.ontology.assertion.RelationshipAssertion;
import org.jiedao.hub.ontology.assertion.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the loaders' normalisers make of raw values, written through the real writer, as GraphQL shows it: a partial
 * birth date keeps its precision ({@code 1950-03}), a timestamp read in a source's zone comes back as the same
 * instant with its offset, the name key and the address parts are fields of their types.
 */
class NormalisedValuesApiTest {
    private static final Ontology O = ApiFixture.O;
    private static final String ID = "110102195003071231";
    private static ApiFixture.Running server;

    @BeforeAll
    static void graphAndServer() throws Exception {
        TestNeo4j.clear();
        new GraphSchema(O).apply(TestNeo4j.driver());
        String address = "北京市西城區府右街十七號三號樓二單元301室";
        Map<String, Object> person = new HashMap<>(Map.of("idNumber", ID,
                "name", Normalisers.byName("name").normalise("張 偉"),
                "nameKey", Normalisers.byName("nameKey").normalise("張 偉"),
                "birthDate", Normalisers.byName("partialDate").normalise("1950年3月")));
        Map<String, Object> place = new HashMap<>();
        for (String[] part : new String[][] {{"text", "address"}, {"road", "addressRoad"}, {"houseNumber", "addressNumber"},
            {"buildingNumber", "addressBuilding"}, {"unitNumber", "addressUnit"}, {"roomNumber", "addressRoom"}}) {
            place.put(part[0], Normalisers.byName(part[1]).normalise(address));
        }
        Object reportedAt = Normalisers.byName("datetime", ZoneId.of("Asia/Urumqi")).normalise("2024年3月1日 8时30分");
        new RecordWriter(TestNeo4j.driver()).write(List.of(
                record("hukou", "H9-" + ID, List.of(node("p", "Person", ID, person, true),
                                node("a", "Address", place.get("text"), place, false)),
                        List.of(new RelationshipAssertion(O.relationshipType("RESIDES_AT"), "p", "a", Map.of()))),
                record("hotline12345", "12345-9", List.of(
                                node("c", "Case", "12345-9", Map.of("caseNumber", "12345-9", "reportedAt", reportedAt), true),
                                node("p", "Person", ID, Map.of("idNumber", ID), false)),
                        List.of(new RelationshipAssertion(O.relationshipType("REPORTED_BY"), "c", "p", Map.of())))),
                List.of());
        server = ApiFixture.startServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RecordAssertions record(String source, String key, List<NodeAssertion> nodes, List<RelationshipAssertion> rels) {
        return new RecordAssertions(new RecordRef(source, key, source + " test", ContentHash.of(source + key), "{}"), nodes, rels);
    }

    private static NodeAssertion node(String alias, String label, Object key, Map<String, Object> props, boolean primary) {
        return new NodeAssertion(alias, O.nodeType(label), key, props, primary ? WriteMode.AUTHORITATIVE : WriteMode.FILL, primary);
    }

    @Test
    void partialDatesInstantsNameKeysAndAddressPartsComeBackAsTheyWereNormalised() throws Exception {
        JsonNode p = server.graphql("""
                { person(idNumber: "%s") { name nameKey birthDate cases { reportedAt }
                    address { text road houseNumber buildingNumber unitNumber roomNumber } } }""".formatted(ID))
                .path("data").path("person");
        assertThat(p.path("name").asText()).isEqualTo("張偉");
        assertThat(p.path("nameKey").asText()).isEqualTo("张伟");
        assertThat(p.path("birthDate").asText()).isEqualTo("1950-03");
        // 08:30 in Asia/Urumqi (UTC+6): the instant 02:30Z, shown with the offset it was read with
        assertThat(p.path("cases").get(0).path("reportedAt").asText()).isEqualTo("2024-03-01T08:30:00+06:00");
        JsonNode a = p.path("address");
        assertThat(a.path("text").asText()).isEqualTo("府右街17号3号楼2单元301");
        assertThat(a.path("road").asText()).isEqualTo("府右街");
        assertThat(a.path("houseNumber").asText()).isEqualTo("17");
        assertThat(a.path("buildingNumber").asText()).isEqualTo("3");
        assertThat(a.path("unitNumber").asText()).isEqualTo("2");
        assertThat(a.path("roomNumber").asText()).isEqualTo("301");
    }
}
