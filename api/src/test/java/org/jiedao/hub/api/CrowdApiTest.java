package org.jiedao.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.GraphQL;
import org.jiedao.hub.analytics.CrowdMonitor;
import org.jiedao.hub.analytics.CrowdSettings;
import org.jiedao.hub.analytics.CrowdZone;
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
 * The crowd fields under the access policy: two zones in two communities, counts of 300 then 500 people in zone A's
 * area of 200 m² (1.5 then 2.5 persons/m²), closed by a real monitor. Each restriction is checked against admin,
 * who sees what the restricted role does not, so the test fails if the rule does nothing.
 */
class CrowdApiTest {
    private static final Ontology O = ApiFixture.O;
    private static final AccessPolicy POLICY = AnalyticsEngine.POLICY;
    private static final Access ADMIN = Access.internal(POLICY, O, "test");
    private static final String A = "110102001004";
    private static final String B = "110102001026";
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static AnalyticsEngine engine;

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        try (Session s = TestNeo4j.driver().session()) {
            s.run("""
                    UNWIND [['c1', 'CC-A1', 0, 300.0], ['c2', 'CC-A1', 5, 500.0], ['c3', 'CC-B1', 0, 10.0]] AS r
                    MERGE (sensor:Sensor {deviceId: r[1]})
                    CREATE (o:Observation {observationId: r[0], resultTime: $t0 + duration({minutes: r[2] + 1}), numericResult: r[3]})-[:MADE_BY_SENSOR]->(sensor)
                    CREATE (:SourceRecord {uid: 'crowd-counters:' + r[0]})-[:RESOLVES_TO]->(o)
                    """, Map.of("t0", T0.atOffset(ZoneOffset.UTC))).consume();
        }
        CrowdSettings settings = CrowdSettings.defaults(List.of(
                new CrowdZone("ZA", "府右街广场", A, 200, List.of("CC-A1"), 2.0, 1.5),
                new CrowdZone("ZB", "义达里广场", B, 200, List.of("CC-B1"), 2.0, 1.5)));
        CrowdMonitor monitor = new CrowdMonitor(TestNeo4j.driver(), settings, a -> { });
        monitor.prepare();
        monitor.evaluate(T0.plusSeconds(600 + 60));
        engine = new AnalyticsEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }




    @Test
    void densitiesAreTheCountsOverTheAreaAndTheAlertIsListed() {
        JsonNode d = engine.data(ADMIN, "{ crowdDensity(zone: \"ZA\", from: \"" + T0 + "\", to: \"" + T0.plusSeconds(600) + "\") { start people density observations }"
                + " crowdAlerts(from: \"" + T0 + "\", to: \"" + T0.plusSeconds(600) + "\") { zone kind density }"
                + " crowdZones { code level } }");
        assertThat(d.path("crowdDensity").findValuesAsText("density")).containsExactly("1.5", "2.5");
        assertThat(d.path("crowdAlerts")).hasSize(1);
        assertThat(d.path("crowdAlerts").path(0).path("kind").asText()).isEqualTo("CROWD_DENSITY_EXCEEDED");
        assertThat(d.path("crowdAlerts").path(0).path("density").asDouble()).isEqualTo(2.5);
        assertThat(d.path("crowdZones").findValuesAsText("level")).containsExactly("EXCEEDED", "NORMAL");
    }

    @Test
    void aCaseworkerSeesTheZonesOfHerCommunitiesOnlyAndNoSourceRecords() {
        String zones = "{ crowdZones { code } crowdAlerts(from: \"" + T0 + "\", to: \"" + T0.plusSeconds(600) + "\") { zone } }";
        assertThat(engine.data(ADMIN, zones).path("crowdZones").findValuesAsText("code")).containsExactly("ZA", "ZB");
        Access caseworker = AnalyticsEngine.role("caseworker", List.of(B), "case-handling");
        JsonNode cw = engine.data(caseworker, zones);
        assertThat(cw.path("crowdZones").findValuesAsText("code")).containsExactly("ZB");
        assertThat(cw.path("crowdAlerts")).isEmpty();
        JsonNode outside = engine.run(caseworker, "{ crowdDensity(zone: \"ZA\", from: \"" + T0 + "\", to: \"" + T0.plusSeconds(600) + "\") { density } }");
        assertThat(outside.path("errors").path(0).path("message").asText()).contains("unknown crowd zone: ZA");

        String records = "{ crowdRecords(zone: \"ZA\", bucket: \"" + T0.plusSeconds(300) + "\") }";
        assertThat(engine.data(ADMIN, records).path("crowdRecords").toString()).isEqualTo("[\"crowd-counters:c2\"]");
        JsonNode refused = engine.run(AnalyticsEngine.role("caseworker", List.of(A), "case-handling"), records);
        assertThat(refused.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aPeriodLongerThanAWeekIsRefused() {
        JsonNode r = engine.run(ADMIN, "{ crowdDensity(zone: \"ZA\", from: \"" + T0 + "\", to: \"" + T0.plusSeconds(8 * 86400) + "\") { density } }");
        assertThat(r.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("BAD_USER_INPUT");
    }
}
