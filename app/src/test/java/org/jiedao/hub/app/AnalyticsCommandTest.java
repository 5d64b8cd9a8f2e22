package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hub analytics} on a constructed graph: three complaints at 府右街12号 (grid G1), a fourth before the period,
 * and two patrol members whose latest reports are 250 m and 1.1 km from the asked point.
 */
class AnalyticsCommandTest {
    private static final String FROM = "2026-11-02T00:00+08:00";
    private static final String TO = "2026-11-23T00:00+08:00";
    @TempDir
    static Path dir;
    private final AnalyticsCli cli = new AnalyticsCli(dir);

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        try (var s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (c:Community {code: '110102001004', name: '府右街社区'})
                    CREATE (g:Grid {code: 'G1', name: '一网格', boundary: 'POLYGON((116.37 39.90, 116.38 39.90, 116.38 39.91, 116.37 39.91, 116.37 39.90))'})-[:PART_OF_COMMUNITY]->(c)
                    CREATE (a:Address {text: '府右街12号'})-[:IN_BUILDING]->(:Building {code: 'B1'})-[:IN_GRID]->(g)
                    CREATE (:PatrolMember {memberNumber: 'XC-0001', name: '王芳'})-[:PATROLS]->(g)
                    CREATE (:PatrolMember {memberNumber: 'XC-0002', name: '李强'})-[:PATROLS]->(g)
                    WITH a
                    UNWIND [['H-1', '2026-11-03T10:00+08:00'], ['H-2', '2026-11-10T10:00+08:00'], ['H-3', '2026-11-17T10:00+08:00'],
                            ['H-0', '2026-10-20T10:00+08:00']] AS c
                    CREATE (k:Case:Complaint {caseNumber: c[0], category: '噪声扰民', reportedAt: datetime(c[1])})-[:CONCERNS]->(a)
                    CREATE (:SourceRecord {uid: 'hotline:' + c[0]})-[:RESOLVES_TO]->(k)
                    """).consume();
            s.run("""
                    UNWIND [['r1', 'XC-0001', 116.372], ['r2', 'XC-0002', 116.388]] AS r
                    MATCH (m:PatrolMember {memberNumber: r[1]})
                    CREATE (:Observation:PatrolPositionReport {observationId: r[0], resultTime: $at, latitude: 39.905, longitude: r[2]})-[:POSITION_OF]->(m)
                    """, Map.of("at", OffsetDateTime.parse("2026-11-30T09:58:00Z"))).consume();
        }
    }

    private int analytics(String... args) {
        return cli.run(args);
    }

    private String out() {
        return cli.out();
    }

    @Test
    void recurringComplaintsAsATableAndAsJson() throws Exception {
        assertThat(analytics("recurring", "--from", FROM, "--to", TO, "--min", "3")).isZero();
        assertThat(out()).contains("ADDRESS").contains("府右街12号").contains("G1 一网格").contains("噪声扰民 3").contains("H-1,H-2,H-3");
        assertThat(analytics("recurring", "--from", FROM, "--to", TO, "--min", "4")).isZero();
        assertThat(out()).contains("(none)");
        assertThat(analytics("recurring", "--from", FROM, "--to", TO, "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.path(0).path("cases").asInt()).isEqualTo(3);
        assertThat(json.path(0).path("records").toString()).isEqualTo("[\"hotline:H-1\",\"hotline:H-2\",\"hotline:H-3\"]");
    }

    @Test
    void trendsAndHotspots() {
        assertThat(analytics("trends", "--from", FROM, "--to", TO)).isZero();
        assertThat(out()).contains("SLOPE/WEEK").containsPattern("G1 一网格\\s+噪声扰民\\s+3\\s+1\\s+\\+2\\s+\\+0\\.00\\s+1 1 1");
        assertThat(analytics("hotspots", "--from", FROM, "--to", TO)).isZero();
        assertThat(out()).contains("2026-W45").contains("2026-W46").contains("2026-W47");
    }

    @Test
    void theNearestAvailableMemberAndBadInput() {
        assertThat(analytics("patrols", "nearest", "--lat", "39.905", "--lon", "116.375", "--at", "2026-11-30T10:00:00Z")).isZero();
        assertThat(out().lines().skip(1).findFirst().orElseThrow()).startsWith("XC-0001").contains("256");
        assertThat(analytics("patrols", "coverage", "--of-community", "110102001004", "--hours", "1", "--at", "2026-11-30T10:00:00Z")).isZero();
        assertThat(out()).as("r2 lies east of G1").contains("1 of 1 grids covered").contains(" r1").doesNotContain("r2");
        assertThat(analytics("patrols", "nearest", "--lat", "39.905")).isEqualTo(1);
        assertThat(cli.err()).contains("give either --case or both --lat and --lon");
        assertThat(analytics("recurring", "--from", "yesterday", "--to", TO)).isEqualTo(1);
        assertThat(cli.err()).contains("--from");
    }

    @Test
    void crowdListsTheShippedZonesAndRefusesAnUnknownOne() {
        assertThat(analytics("crowd", "zones")).as(cli.err()).isZero();
        assertThat(out()).contains("XCJ-Z01").contains("西单北大街步行街").contains("threshold 2.00").contains("CC-0101,CC-0102");
        assertThat(analytics("crowd", "zones", "--community", "110102001012")).isZero();
        assertThat(out()).contains("XCJ-Z02").doesNotContain("XCJ-Z01");
        assertThat(analytics("crowd", "density", "--zone", "XCJ-Z01", "--from", FROM, "--to", "2026-11-02T00:10+08:00")).isZero();
        assertThat(out().lines()).as("two buckets without counts").hasSize(2).allMatch(l -> l.contains("density     -") && l.contains("missing CC-0101,CC-0102"));
        assertThat(analytics("crowd", "density", "--zone", "NOPE", "--from", FROM, "--to", TO)).isEqualTo(1);
        assertThat(cli.err()).contains("unknown crowd zone: NOPE");
    }
}
