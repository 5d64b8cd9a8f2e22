package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
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
 * The parking fields under the access policy: community A (grid GA1: 2 hutong spaces, 5 resident cars, short by 3 at
 * night) and community B (grid GB1 next to it: a 错时停车 lot of 30 spaces shared 19-7, read at 22:30 with 6 cars).
 * Each restriction is checked against admin, who sees it, so the test fails if the rule does nothing.
 */
class ParkingApiTest {
    private static final Ontology O = ApiFixture.O;
    private static final AccessPolicy POLICY = AnalyticsEngine.POLICY;
    private static final Access ADMIN = Access.internal(POLICY, O, "test");
    private static final String A = "110102001004";
    private static final String B = "110102001026";
    private static final String C = "110102001007";
    private static final String PERIOD = "from: \"2026-11-02T00:00+08:00\", to: \"2026-11-03T00:00+08:00\"";
    private static AnalyticsEngine engine;

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        try (Session s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (ca:Community {code: $a, name: '府右街社区'}), (cb:Community {code: $b, name: '义达里社区'}), (:Community {code: $c, name: '西交民巷社区'})
                    CREATE (ga:Grid {code: 'GA1', name: 'A一网格', boundary: 'POLYGON((116.37 39.90, 116.38 39.90, 116.38 39.91, 116.37 39.91, 116.37 39.90))'})-[:PART_OF_COMMUNITY]->(ca)
                    CREATE (gb:Grid {code: 'GB1', name: 'B一网格', boundary: 'POLYGON((116.38 39.90, 116.39 39.90, 116.39 39.91, 116.38 39.91, 116.38 39.90))'})-[:PART_OF_COMMUNITY]->(cb)
                    CREATE (aa:Address {text: '府右街12号'})-[:IN_BUILDING]->(:Building {code: 'BA'})-[:IN_GRID]->(ga), (aa)-[:IN_COMMUNITY]->(ca)
                    CREATE (:ParkingLot {code: 'LA', name: 'A胡同停车位', kind: 'hutong', capacity: 2, latitude: 39.905, longitude: 116.375})-[:LOT_IN_GRID]->(ga)
                    CREATE (lb:ParkingLot {code: 'LB', name: 'B错时共享停车场', kind: 'shared', capacity: 30, sharedFromHour: 19, sharedUntilHour: 7,
                                          latitude: 39.905, longitude: 116.3805})-[:LOT_IN_GRID]->(gb)
                    CREATE (:SourceRecord {uid: 'parking-lots:LB'})-[:RESOLVES_TO]->(lb)
                    CREATE (o:Observation:ParkingObservation {observationId: 'o1', resultTime: $at, parkingEvent: 'occupancy', numericResult: 6.0})-[:AT_PARKING_LOT]->(lb)
                    CREATE (:SourceRecord {uid: 'parking-occupancy:o1'})-[:RESOLVES_TO]->(o)
                    WITH aa
                    UNWIND range(1, 5) AS i
                    CREATE (p:Person {idNumber: 'P' + i})-[:RESIDES_AT]->(aa)
                    CREATE (p)-[:OWNS]->(v:Vehicle {plate: '京A1000' + i})
                    CREATE (:SourceRecord {uid: 'vehicles:' + i})-[:RESOLVES_TO]->(v)
                    """, Map.of("a", A, "b", B, "c", C, "at", OffsetDateTime.parse("2026-11-02T22:30+08:00"))).consume();
        }
        engine = new AnalyticsEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }




    /** Within the complexity limit (lists count 20 each, multiplied through nesting): the areas, and the lots and matches. */
    private static final String QUERY = "{ parkingBalance(" + PERIOD + ", areaKind: \"GRID\") { areas { area { code } residentVehicles plates vehicleRecords"
            + " hours { hour supply residentDemand observedDemand gap } } matches { area { code } hour lot coverable distanceMetres } } }";
    private static final String LOTS = "{ parkingBalance(" + PERIOD + ") { lots { code records hours { hour idle records } } } }";

    @Test
    void adminSeesTheGapThePlatesTheRecordsAndTheMatch() {
        JsonNode b = engine.data(ADMIN, QUERY).path("parkingBalance");
        JsonNode ga = b.path("areas").path(0);
        assertThat(ga.path("area").path("code").asText()).isEqualTo("GA1");
        assertThat(ga.path("residentVehicles").asInt()).isEqualTo(5);
        assertThat(ga.path("plates")).hasSize(5);
        assertThat(ga.path("vehicleRecords")).hasSize(5);
        assertThat(ga.path("hours").path(22).path("gap").asDouble()).isEqualTo(3.0);
        JsonNode lots = engine.data(ADMIN, LOTS).path("parkingBalance").path("lots");
        assertThat(lots.path(1).path("records").toString()).isEqualTo("[\"parking-lots:LB\"]");
        assertThat(lots.path(1).path("hours").path(22).path("idle").asDouble()).isEqualTo(24.0);
        assertThat(lots.path(1).path("hours").path(22).path("records").toString()).isEqualTo("[\"parking-occupancy:o1\"]");
        JsonNode m = b.path("matches");
        assertThat(m).hasSize(1);
        assertThat(m.path(0).path("lot").asText()).isEqualTo("LB");
        assertThat(m.path(0).path("hour").asInt()).isEqualTo(22);
        assertThat(m.path(0).path("coverable").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aCaseworkerOutsideTheCommunitiesSeesNothing() {
        Access outside = AnalyticsEngine.role("caseworker", List.of(C), "case-handling");
        JsonNode b = engine.data(outside, QUERY).path("parkingBalance");
        assertThat(b.path("areas")).isEmpty();
        assertThat(b.path("matches")).isEmpty();
        assertThat(engine.data(outside, LOTS).path("parkingBalance").path("lots")).isEmpty();
        assertThat(engine.data(ADMIN, LOTS).path("parkingBalance").path("lots")).as("admin sees both lots").hasSize(2);
        Access caseworkerA = AnalyticsEngine.role("caseworker", List.of(A), "case-handling");
        JsonNode own = engine.data(caseworkerA, QUERY).path("parkingBalance");
        assertThat(own.path("areas").findValuesAsText("code")).containsExactly("GA1");
        assertThat(engine.data(caseworkerA, LOTS).path("parkingBalance").path("lots").findValuesAsText("code"))
                .as("B's lot is out of her scope").containsExactly("LA");
        assertThat(own.path("matches")).isEmpty();
        assertThat(own.path("areas").path(0).path("vehicleRecords")).as("provenance only for a role without a scope").isEmpty();
    }

    @Test
    void anAnalystCountsVehiclesButSeesNoPlates() {
        JsonNode ga = engine.data(AnalyticsEngine.role("analyst", null, "planning"), QUERY).path("parkingBalance").path("areas").path(0);
        assertThat(ga.path("residentVehicles").asInt()).isEqualTo(5);
        assertThat(ga.path("plates").isNull()).as("plates are personal").isTrue();
    }

    @Test
    void theGeoJsonIsAFeatureCollectionAndBadInputIsRefused() throws Exception {
        String text = engine.data(ADMIN, "{ parkingGeoJson(" + PERIOD + ", hour: 22) }").path("parkingGeoJson").asText();
        JsonNode fc = ApiFixture.JSON.readTree(text);
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features").findValuesAsText("layer")).contains("area", "lot", "match");
        JsonNode bad = engine.run(ADMIN, "{ parkingBalance(" + PERIOD + ", areaKind: \"STREET\") { from } }");
        assertThat(bad.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
        JsonNode hour = engine.run(ADMIN, "{ parkingGeoJson(" + PERIOD + ", hour: 25) }");
        assertThat(hour.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }
}
