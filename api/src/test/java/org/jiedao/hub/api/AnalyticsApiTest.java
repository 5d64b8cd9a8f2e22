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
 * The analytics' GraphQL fields under the access policy (docs/analytics.md): a constructed district of two
 * communities, three noise complaints at 府右街12号 (community A, grid GA1), two at 义达里5号 (community B, grid GB1),
 * patrol member XC-0001 in GA1 and XC-0002 in GB1. Each refusal or restriction is checked against admin, who sees
 * it, so the test fails if the rule does nothing.
 */
class AnalyticsApiTest {
    private static final Ontology O = ApiFixture.O;
    private static final AccessPolicy POLICY = AnalyticsEngine.POLICY;
    private static final Access ADMIN = Access.internal(POLICY, O, "test");
    private static final String A = "110102001004";
    private static final String B = "110102001026";
    private static final String PERIOD = "from: \"2026-11-02T00:00+08:00\", to: \"2026-11-23T00:00+08:00\"";
    private static final String AT = "2026-11-30T10:00:00Z";
    private static AnalyticsEngine engine;

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        try (Session s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (ca:Community {code: $a, name: '府右街社区'}), (cb:Community {code: $b, name: '义达里社区'})
                    CREATE (ga:Grid {code: 'GA1', name: 'A一网格', boundary: 'POLYGON((116.37 39.90, 116.38 39.90, 116.38 39.91, 116.37 39.91, 116.37 39.90))'})-[:PART_OF_COMMUNITY]->(ca)
                    CREATE (gb:Grid {code: 'GB1', name: 'B一网格', boundary: 'POLYGON((116.38 39.90, 116.39 39.90, 116.39 39.91, 116.38 39.91, 116.38 39.90))'})-[:PART_OF_COMMUNITY]->(cb)
                    CREATE (aa:Address {text: '府右街12号'})-[:IN_BUILDING]->(:Building {code: 'BA'})-[:IN_GRID]->(ga), (aa)-[:IN_COMMUNITY]->(ca)
                    CREATE (ab:Address {text: '义达里5号'})-[:IN_BUILDING]->(:Building {code: 'BB'})-[:IN_GRID]->(gb), (ab)-[:IN_COMMUNITY]->(cb)
                    CREATE (ma:PatrolMember {memberNumber: 'XC-0001', name: '王芳'})-[:PATROLS]->(ga)
                    CREATE (mb:PatrolMember {memberNumber: 'XC-0002', name: '李强'})-[:PATROLS]->(gb)
                    WITH count(*) AS done
                    UNWIND [['H-1', '府右街12号', '2026-11-03T10:00+08:00'], ['H-2', '府右街12号', '2026-11-10T10:00+08:00'],
                            ['H-3', '府右街12号', '2026-11-17T10:00+08:00'], ['H-4', '义达里5号', '2026-11-04T10:00+08:00'],
                            ['H-5', '义达里5号', '2026-11-05T10:00+08:00']] AS c
                    MATCH (a:Address {text: c[1]})
                    CREATE (k:Case:Complaint {caseNumber: c[0], category: '噪声扰民', reportedAt: datetime(c[2])})-[:CONCERNS]->(a)
                    CREATE (:SourceRecord {uid: 'hotline:' + c[0]})-[:RESOLVES_TO]->(k)
                    """, Map.of("a", A, "b", B)).consume();
            s.run("""
                    UNWIND [['r1', 'XC-0001', 39.905, 116.372], ['r2', 'XC-0002', 39.905, 116.388]] AS r
                    MATCH (m:PatrolMember {memberNumber: r[1]})
                    CREATE (p:Observation:PatrolPositionReport {observationId: r[0], resultTime: $at, latitude: r[2], longitude: r[3]})-[:POSITION_OF]->(m)
                    CREATE (:SourceRecord {uid: 'patrol-positions:' + r[0]})-[:RESOLVES_TO]->(p)
                    """, Map.of("at", OffsetDateTime.parse(AT).minusMinutes(2))).consume();
        }
        engine = new AnalyticsEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }




    private static String errorCode(JsonNode r) {
        return r.path("errors").path(0).path("extensions").path("code").asText();
    }

    @Test
    void recurringComplaintsNameTheAddressWithItsExactCountAndSourceRecordsForAdmin() {
        JsonNode list = engine.data(ADMIN, "{ recurringComplaintAddresses(" + PERIOD + ", minCases: 3) { address cases caseNumbers records area { kind code community } } }")
                .path("recurringComplaintAddresses");
        assertThat(list).hasSize(1);
        assertThat(list.path(0).path("address").asText()).isEqualTo("府右街12号");
        assertThat(list.path(0).path("cases").asInt()).isEqualTo(3);
        assertThat(list.path(0).path("caseNumbers").toString()).isEqualTo("[\"H-1\",\"H-2\",\"H-3\"]");
        assertThat(list.path(0).path("records").toString()).isEqualTo("[\"hotline:H-1\",\"hotline:H-2\",\"hotline:H-3\"]");
        assertThat(list.path(0).path("area").path("code").asText()).isEqualTo("GA1");
    }

    @Test
    void aCaseworkerSeesHerCommunityOnlyAndNoSourceRecords() {
        String q = "{ recurringComplaintAddresses(" + PERIOD + ", minCases: 2) { address cases records } caseHotspots(" + PERIOD + ") { area { code } cases } }";
        assertThat(engine.data(ADMIN, q).findValuesAsText("address")).containsExactly("府右街12号", "义达里5号");
        JsonNode cw = engine.data(AnalyticsEngine.role("caseworker", List.of(B), "case-handling"), q);
        assertThat(cw.findValuesAsText("address")).containsExactly("义达里5号");
        assertThat(cw.path("recurringComplaintAddresses").path(0).path("records")).isEmpty();
        assertThat(cw.path("caseHotspots").findValuesAsText("code")).containsOnly("GB1");
    }

    @Test
    void anAnalystCountsCasesButSeesNeitherAddressesNorPositions() {
        Access analyst = AnalyticsEngine.role("analyst", null, "planning");
        JsonNode list = engine.data(analyst, "{ recurringComplaintAddresses(" + PERIOD + ", minCases: 3) { address cases } }").path("recurringComplaintAddresses");
        assertThat(list.path(0).path("cases").asInt()).isEqualTo(3);
        assertThat(list.path(0).path("address").isNull()).as("personal: not in clear for an analyst").isTrue();
        JsonNode refused = engine.run(analyst, "{ patrolPositions { member latitude } }");
        assertThat(errorCode(refused)).isEqualTo("FORBIDDEN");
        assertThat(engine.data(ADMIN, "{ patrolPositions { member latitude } }").path("patrolPositions")).hasSize(2);
    }

    @Test
    void theNearestAvailablePatrolToACaseIsTheMemberInItsGrid() {
        JsonNode n = engine.data(ADMIN, "{ nearestPatrol(caseNumber: \"H-4\", at: \"" + AT + "\") { position { member records } distanceMetres } }")
                .path("nearestPatrol");
        assertThat(n).hasSize(1);
        assertThat(n.path(0).path("position").path("member").asText()).isEqualTo("XC-0002");
        assertThat(n.path(0).path("position").path("records").toString()).isEqualTo("[\"patrol-positions:r2\"]");
        assertThat(errorCode(engine.run(ADMIN, "{ nearestPatrol(latitude: 39.9) { distanceMetres } }"))).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void gridCoverageCountsTheGridsWithAReport() {
        JsonNode c = engine.data(ADMIN, "{ gridCoverage(community: \"" + A + "\", hours: 1, at: \"" + AT + "\") { covered total grids { grid reports reportIds } } }")
                .path("gridCoverage").path(0);
        assertThat(c.path("covered").asInt()).isEqualTo(1);
        assertThat(c.path("total").asInt()).isEqualTo(1);
        assertThat(c.path("grids").path(0).path("reportIds").toString()).isEqualTo("[\"r1\"]");
        JsonNode old = engine.data(ADMIN, "{ gridCoverage(community: \"" + A + "\", hours: 1, at: \"2026-11-30T12:00:00Z\") { covered } }");
        assertThat(old.path("gridCoverage").path(0).path("covered").asInt()).as("the report is older than the window").isZero();
    }
}
