package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.api.http.ApiServer;
import org.jiedao.hub.loaders.normalise.IdNumber;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GraphQL API over HTTP on a small graph written through the real writer. */
class GraphQLApiTest {
    private static final Ontology O = ApiFixture.O;
    private static final HttpClient HTTP = ApiFixture.HTTP;
    private static final String OLD_ID = ApiFixture.OLD_ID;
    private static String id;
    private static ApiFixture.Running server;

    @BeforeAll
    static void graphAndServer() throws Exception {
        id = ApiFixture.writeGraph();
        server = ApiFixture.startServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }





    static HttpResponse<String> post(String body) throws Exception {
        return server.post(body);
    }

    static JsonNode query(String graphql) throws Exception {
        return server.graphql(graphql);
    }

    private static final String PERSON = """
            { person(idNumber: "%s") { idNumber name birthDate gender
                household { householdNumber members { name relationToHead } }
                vehicles { plate } cases { caseNumber category reportedAt status }
                address { text community { code name subdistrict { code name district { code name } } } }
                sources { source recordKey relation } } }""";

    @Test
    void aPersonComesBackWithHouseholdVehiclesCasesAddressAndSources() throws Exception {
        JsonNode p = query(PERSON.formatted(id)).path("data").path("person");
        assertThat(p.path("name").asText()).isEqualTo("林晓雨");
        assertThat(p.path("birthDate").asText()).isEqualTo("1990-01-01");
        assertThat(p.path("gender").asText()).as("GB/T 2261.1 code 1 shown as its enum").isEqualTo("MALE");
        assertThat(p.path("household").path("members")).hasSize(2);
        assertThat(p.path("household").path("members").findValuesAsText("relationToHead")).containsExactlyInAnyOrder("HEAD", "SPOUSE");
        assertThat(p.path("vehicles").findValuesAsText("plate")).containsExactlyInAnyOrder("京A12345", "京B67890");
        assertThat(p.path("cases").get(0).path("reportedAt").asText()).isEqualTo("2026-03-14T09:21:05");
        JsonNode community = p.path("address").path("community");
        assertThat(community.path("name").asText()).isEqualTo("府右街南社区居委会");
        assertThat(community.path("subdistrict").path("name").asText()).isEqualTo("西长安街街道");
        assertThat(community.path("subdistrict").path("district").path("name").asText()).isEqualTo("西城区");
        assertThat(p.path("sources").findValuesAsText("source")).containsOnly("hukou", "vehicles", "hotline12345");
    }

    @Test
    void anyAcceptedWrittenFormOfTheIdNumberFindsTheSamePerson() throws Exception {
        String fullWidth = id.chars().mapToObj(c -> Character.isDigit(c) ? String.valueOf((char) (c - '0' + '０')) : String.valueOf((char) c))
                .reduce("", String::concat);
        for (String form : List.of(OLD_ID, fullWidth, " " + id.toLowerCase() + " ")) {
            assertThat(query(PERSON.formatted(form)).path("data").path("person").path("idNumber").asText()).as(form).isEqualTo(id);
        }
    }

    @Test
    void anInvalidIdNumberIsAClearErrorNotAnEmptyAnswer() throws Exception {
        JsonNode r = query("{ person(idNumber: \"110102199001010012\") { name } }");
        assertThat(r.path("errors").get(0).path("message").asText()).contains("idNumber").contains("check character");
        assertThat(r.path("data").path("person").isNull()).isTrue();
    }

    @Test
    void anUnknownButValidIdNumberIsNull() throws Exception {
        String unknown = "11010219850307001" + IdNumber.checkCharacter("11010219850307001");
        JsonNode r = query("{ person(idNumber: \"" + unknown + "\") { name } }");
        assertThat(r.path("errors").isMissingNode()).isTrue();
        assertThat(r.path("data").path("person").isNull()).isTrue();
    }

    @Test
    void aVehicleIsFoundByAnyWrittenFormOfItsPlateWithItsOwner() throws Exception {
        JsonNode v = query("{ vehicle(plate: \"京a·12345\") { plate vehicleType owner { name household { householdNumber } } } }")
                .path("data").path("vehicle");
        assertThat(v.path("plate").asText()).isEqualTo("京A12345");
        assertThat(v.path("owner").path("name").asText()).isEqualTo("林晓雨");
        assertThat(v.path("owner").path("household").path("householdNumber").asText()).isEqualTo("H1");
    }

    @Test
    void aCommunityCountsItsResidentsHouseholdsAndVehicles() throws Exception {
        JsonNode c = query("{ community(code: \"110102001004\") { name residentCount householdCount vehicleCount } }")
                .path("data").path("community");
        assertThat(c.path("residentCount").asInt()).isEqualTo(2);
        assertThat(c.path("householdCount").asInt()).isEqualTo(1);
        assertThat(c.path("vehicleCount").asInt()).isEqualTo(2);
    }

    @Test
    void theSchemaIsDocumentedInChineseAndEnglishAndIdsAreStrings() throws Exception {
        JsonNode t = query("{ __type(name: \"Person\") { description fields { name type { name kind ofType { name } } } } }")
                .path("data").path("__type");
        assertThat(t.path("description").asText()).contains("人员").contains("Person");
        for (JsonNode f : t.path("fields")) {
            if (f.path("name").asText().equals("idNumber")) {
                // nullable: a person entity resolution has not linked to an ID number has none
                assertThat(f.path("type").path("kind").asText()).isEqualTo("SCALAR");
                assertThat(f.path("type").path("name").asText()).isEqualTo("String");
            }
        }
    }

    @Test
    void aQueryNestedDeeperThanTheLimitIsRefusedBeforeItRuns() throws Exception {
        String deep = "name " + "household { members { ".repeat(6) + "name" + " } }".repeat(6);
        JsonNode r = query("{ person(idNumber: \"" + id + "\") { " + deep + " } }");
        assertThat(r.path("errors").get(0).path("message").asText()).containsIgnoringCase("depth");
        assertThat(r.path("data").isMissingNode() || r.path("data").isNull()).isTrue();
    }

    @Test
    void malformedJsonGetsAReasonAsJson() throws Exception {
        HttpResponse<String> r = post("{\"query\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{").contains("errors");
    }

    @Test
    void anOversizedRequestIsRefusedBeforeParsing() throws Exception {
        String huge = "{\"query\":\"{ person(idNumber: \\\"" + "1".repeat((int) ApiServer.MAX_BODY_BYTES) + "\\\") { name } }\"}";
        assertThat(post(huge).statusCode()).isEqualTo(413);
    }

    @Test
    void healthAndGraphiqlAreServed() throws Exception {
        var health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("UP");
        var graphiql = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphiql/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(graphiql.statusCode()).isEqualTo(200);
        assertThat(graphiql.body()).containsIgnoringCase("graphiql");
    }
}
