package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.GraphQL;
import org.jiedao.hub.analytics.ServiceCatalogue;
import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.api.analytics.ServiceFields;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/**
 * The proactive services' GraphQL fields under the access policy: two registered residents aged 76 and 71, one in
 * community A and one in B, each holding a level-1 disability certificate, with the bundled catalogue. Each
 * restriction is checked against admin, who sees it, so the test fails if the rule does nothing.
 */
class ServicesApiTest {
    private static final Ontology O = ApiFixture.O;
    private static final AccessPolicy POLICY = AnalyticsEngine.POLICY;
    private static final Access ADMIN = Access.internal(POLICY, O, "test");
    private static final String A = "110102001004";
    private static final String B = "110102001026";
    private static final String PA = "110102195001011235";
    private static final String PB = "110102195505054562";
    private static final String ELDERLY = "{ eligibleNotEnrolled(service: \"elderly-card\", day: \"2026-11-01\") { eligible notEnrolled residents { idNumber name community facts { criterion value records } } } }";
    private static AnalyticsEngine engine;

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        try (Session s = TestNeo4j.driver().session()) {
            s.run("""
                    UNWIND [[$pa, '王芳', $a, '1950-01-01', 'H1'], [$pb, '李强', $b, '1955-05-05', 'H2']] AS r
                    MERGE (c:Community {code: r[2]})
                    CREATE (p:Person {idNumber: r[0], name: r[1], birthDate: date(r[3])})-[:RESIDES_AT]->(ad:Address {text: r[1] + '家'})-[:IN_COMMUNITY]->(c)
                    CREATE (p)-[:MEMBER_OF]->(h:Household {householdNumber: r[4]})
                    CREATE (k:Certificate:DisabilityCertificate {certificateNumber: r[0] + '41', disabilityLevel: '1'})-[:HELD_BY]->(p)
                    CREATE (hr:SourceRecord {uid: 'hukou:' + r[0]})-[:RESOLVES_TO {`asserted.birthDate`: r[3], `asserted.name`: r[1]}]->(p)
                    CREATE (hr)-[:MENTIONS]->(h)
                    CREATE (cr:SourceRecord {uid: 'civilaffairs:' + r[0] + '41'})-[:RESOLVES_TO]->(k)
                    CREATE (cr)-[:MENTIONS]->(p)
                    """, Map.of("pa", PA, "pb", PB, "a", A, "b", B)).consume();
        }
        ServiceFields.use(ServiceCatalogue.load(Path.of("../config/services"), O));
        engine = new AnalyticsEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }



    @Test
    void adminSeesBothResidentsWithTheirFactsAndSourceRecords() {
        JsonNode o = engine.run(ADMIN, ELDERLY).path("data").path("eligibleNotEnrolled");
        assertThat(o.path("notEnrolled").asInt()).isEqualTo(2);
        assertThat(o.path("residents").findValuesAsText("idNumber")).containsExactly(PA, PB);
        assertThat(o.path("residents").path(0).path("facts").path(0).path("records").toString()).isEqualTo("[\"hukou:" + PA + "\"]");
        assertThat(o.path("residents").path(0).path("facts").path(1).path("value").asText()).isEqualTo("1950-01-01");
    }

    @Test
    void aCaseworkerSeesHerCommunityOnlyWithMaskedIdNumbersAndNoSourceRecords() {
        JsonNode o = engine.run(AnalyticsEngine.role("caseworker", List.of(B), "proactive-outreach"), ELDERLY).path("data").path("eligibleNotEnrolled");
        assertThat(o.path("residents").findValuesAsText("idNumber")).containsExactly(PB.substring(0, 6) + "********" + PB.substring(14));
        assertThat(o.path("residents").findValuesAsText("name")).as("names stay clear for her").noneMatch(n -> n.contains("*"));
        assertThat(o.path("residents").path(0).path("facts").path(0).path("records")).isEmpty();
    }

    @Test
    void anAnalystGetsMaskedIdNumbersAndNamesAndMaskedBirthDates() {
        JsonNode o = engine.run(AnalyticsEngine.role("analyst", null, "planning"), ELDERLY).path("data").path("eligibleNotEnrolled");
        assertThat(o.path("residents").findValuesAsText("idNumber")).containsExactly("110102********1235", "110102********4562");
        assertThat(o.path("residents").findValuesAsText("name")).containsExactly("王*", "李*");
        assertThat(o.path("residents").path(0).path("facts").path(1).path("value").asText()).isEqualTo("1950-**-**");
    }

    @Test
    void theSubsidyRevealsDisabilitySoOnlyARoleReadingItInClearMayList() {
        String q = "{ eligibleNotEnrolled(service: \"nursing-subsidy\", day: \"2026-11-01\") { notEnrolled } }";
        assertThat(engine.run(ADMIN, q).path("data").path("eligibleNotEnrolled").path("notEnrolled").asInt()).isEqualTo(2);
        JsonNode refused = engine.run(AnalyticsEngine.role("caseworker", List.of(B), "proactive-outreach"), q);
        assertThat(refused.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aPrefilledFormShowsTheFieldsTheGraphHoldsAndCountsTheRest() {
        JsonNode f = engine.run(ADMIN, "{ prefilledForm(service: \"elderly-card\", idNumber: \"" + PA + "\", day: \"2026-11-01\") { filled total fields { field filled value records } } }")
                .path("data").path("prefilledForm");
        assertThat(f.path("total").asInt()).isEqualTo(11);
        assertThat(f.path("fields").findValuesAsText("field")).contains("name", "householdNumber", "photo");
        JsonNode household = f.path("fields").path(5);
        assertThat(household.path("value").asText()).isEqualTo("H1");
        assertThat(household.path("records").toString()).isEqualTo("[\"hukou:" + PA + "\"]");
        assertThat(f.path("filled").asInt()).as("name, birthDate, idNumber, householdNumber, address; not gender, ethnicity, community name, phone, photo, agent")
                .isEqualTo(5);
    }
}
