package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.ExecutionInput;
import graphql.GraphQL;

import org.jiedao.hub.api.access.Access;
import org.jiedao.hub.api.access.AccessPolicy;
import org.jiedao.hub.api.access.Principal;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.ontology.Ontology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/**
 * The kindergarten fields under the access policy (docs/analytics.md, "Kindergarten places"): community A with six
 * children born 2022-03-01 (大班 of school year 2027) and a kindergarten of 90 places, community B with two such
 * children. Each restriction is checked against admin, who sees it, so the test fails if the rule does nothing.
 */
class KindergartenApiTest {
    private static final Ontology O = ApiFixture.O;
    private static final AccessPolicy POLICY = AnalyticsEngine.POLICY;
    private static final Access ADMIN = Access.internal(POLICY, O, "test");
    private static final String A = "110102001004";
    private static final String B = "110102001026";
    private static final String QUERY = """
            { kindergartenForecast(asOf: "2026-11-01", years: 1) { areas { community capacity kindergartens }
                years { community schoolYear daban { registered records } } } }""";
    private static AnalyticsEngine engine;

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        try (Session s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (ca:Community {code: $a, name: '府右街社区', latitude: 39.905, longitude: 116.372})
                    CREATE (cb:Community {code: $b, name: '义达里社区', latitude: 39.905, longitude: 116.400})
                    CREATE (:Household {householdNumber: 'HA'})-[:REGISTERED_AT]->(:Address {text: '府右街1号'})-[:IN_COMMUNITY]->(ca)
                    CREATE (:Household {householdNumber: 'HB'})-[:REGISTERED_AT]->(:Address {text: '义达里1号'})-[:IN_COMMUNITY]->(cb)
                    CREATE (:Kindergarten {code: 'K1', name: '府右街幼儿园', capacity: 90, latitude: 39.906, longitude: 116.373})
                           -[:KINDERGARTEN_AT]->(:Address {text: '府右街151号'})-[:IN_COMMUNITY]->(ca)
                    """, Map.of("a", A, "b", B)).consume();
            s.run("""
                    UNWIND [['HA', 6], ['HB', 2]] AS h
                    MATCH (hh:Household {householdNumber: h[0]})
                    UNWIND range(1, h[1]) AS i
                    CREATE (p:Person {idNumber: h[0] + '-' + i, birthDate: date('2022-03-01')})-[:MEMBER_OF {validFrom: date('2022-03-01')}]->(hh)
                    CREATE (:SourceRecord {uid: 'hukou-moves:' + h[0] + '-' + i})-[:RESOLVES_TO]->(p)
                    """).consume();
        }
        engine = new AnalyticsEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }



    private static JsonNode forecast(Access access) {
        JsonNode r = engine.run(access, QUERY);
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path("kindergartenForecast");
    }

    /** @return the 大班 cohort of the only school year (2027) of {@code community} */
    private static JsonNode daban(JsonNode forecast, String community) {
        for (JsonNode y : forecast.path("years")) {
            if (y.path("community").asText().equals(community) && y.path("schoolYear").asInt() == 2027) {
                return y.path("daban");
            }
        }
        throw new AssertionError("no 大班 of " + community + " in " + forecast);
    }

    @Test
    void adminSeesEveryCommunitysCohortWithItsRecordsAndThePlacesWithinReach() {
        JsonNode f = forecast(ADMIN);
        JsonNode areas = f.path("areas");
        assertThat(areas.findValuesAsText("community")).containsExactly(A, B);
        assertThat(daban(f, A).path("registered").asInt()).isEqualTo(6);
        assertThat(daban(f, A).path("records")).hasSize(6);
        assertThat(daban(f, B).path("registered").asInt()).isEqualTo(2);
        assertThat(areas.path(0).path("capacity").asInt()).as("K1 is in A").isEqualTo(90);
        assertThat(areas.path(0).path("kindergartens").toString()).isEqualTo("[\"K1\"]");
        assertThat(areas.path(1).path("capacity").asInt()).as("K1 is 2.3 km from B's point").isZero();
    }

    @Test
    void aCaseworkerForecastsHerCommunityOnlyWithoutSourceRecords() {
        JsonNode f = forecast(AnalyticsEngine.role("caseworker", List.of(B), "service-delivery"));
        assertThat(f.path("areas").findValuesAsText("community")).containsExactly(B);
        assertThat(f.path("years").findValuesAsText("community")).containsOnly(B);
        assertThat(daban(f, B).path("registered").asInt()).isEqualTo(2);
        assertThat(daban(f, B).path("records")).isEmpty();
    }

    @Test
    void anAnalystGetsCountsOfFewerThanKChildrenAsNull() {
        JsonNode f = forecast(AnalyticsEngine.role("analyst", null, "planning"));
        assertThat(daban(f, A).path("registered").asInt()).isEqualTo(6);
        assertThat(daban(f, B).path("registered").isNull()).as("2 children, below k = 5").isTrue();
        assertThat(daban(f, B).path("records")).isEmpty();
    }

    @Test
    void aRoleThatReadsNoHouseholdsIsRefused() {
        JsonNode r = engine.run(AnalyticsEngine.role("partner:civil-affairs", null, "benefit-eligibility"), QUERY);
        assertThat(r.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(engine.run(ADMIN, QUERY).path("errors").isMissingNode()).isTrue();
    }

    @Test
    void aBadDayIsABadUserInput() {
        JsonNode r = engine.run(ADMIN, "{ kindergartenForecast(asOf: \"2026-13-01\") { asOf } }");
        assertThat(r.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }
}
