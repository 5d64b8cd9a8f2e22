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
 * {@code hub analytics parking} on a constructed graph: grid G1 (2 hutong spaces, 5 resident cars: short by 3 at
 * night) and grid G2 next to it with a 错时停车 lot of 30 spaces shared 19-7 (one reading of 6 cars at 22:30).
 */
class ParkingCommandTest {
    private static final String FROM = "2026-11-02T00:00+08:00";
    private static final String TO = "2026-11-03T00:00+08:00";
    @TempDir
    static Path dir;
    private final AnalyticsCli cli = new AnalyticsCli(dir);

    @BeforeAll
    static void graph() {
        TestNeo4j.clear();
        try (var s = TestNeo4j.driver().session()) {
            s.run("""
                    CREATE (c:Community {code: '110102001004', name: '府右街社区'})
                    CREATE (g1:Grid {code: 'G1', name: '一网格', boundary: 'POLYGON((116.37 39.90, 116.38 39.90, 116.38 39.91, 116.37 39.91, 116.37 39.90))'})-[:PART_OF_COMMUNITY]->(c)
                    CREATE (g2:Grid {code: 'G2', name: '二网格', boundary: 'POLYGON((116.38 39.90, 116.39 39.90, 116.39 39.91, 116.38 39.91, 116.38 39.90))'})-[:PART_OF_COMMUNITY]->(c)
                    CREATE (a:Address {text: '府右街12号'})-[:IN_BUILDING]->(:Building {code: 'B1'})-[:IN_GRID]->(g1)
                    CREATE (:ParkingLot {code: 'L1', name: '一网格胡同停车位', kind: 'hutong', capacity: 2, latitude: 39.905, longitude: 116.375})-[:LOT_IN_GRID]->(g1)
                    CREATE (l2:ParkingLot {code: 'L2', name: '二网格错时共享停车场', kind: 'shared', capacity: 30, sharedFromHour: 19, sharedUntilHour: 7,
                                          latitude: 39.905, longitude: 116.3805})-[:LOT_IN_GRID]->(g2)
                    CREATE (:Observation:ParkingObservation {observationId: 'o1', resultTime: $at, parkingEvent: 'occupancy', numericResult: 6.0})-[:AT_PARKING_LOT]->(l2)
                    WITH a
                    UNWIND range(1, 5) AS i
                    CREATE (p:Person {idNumber: 'P' + i})-[:RESIDES_AT]->(a)
                    CREATE (p)-[:OWNS]->(:Vehicle {plate: '京A1000' + i})
                    """, Map.of("at", OffsetDateTime.parse("2026-11-02T22:30+08:00"))).consume();
        }
    }

    private int parking(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "parking";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.run(all);
    }

    private String out() {
        return cli.out();
    }

    @Test
    void theShortHoursAndTheProposedLotAsATable() {
        assertThat(parking("--from", FROM, "--to", TO, "--kind", "GRID")).isZero();
        assertThat(out()).containsPattern("GRID\\s+G1 一网格\\s+22\\s+2\\s+5\\s+0\\.0\\s+5\\.0\\s+3\\.0\\s+L1")
                .as("by day G1 is not short").doesNotContainPattern("G1 一网格\\s+12\\s")
                .containsPattern("G1\\s+22\\s+3\\.0\\s+L2\\s+G2\\s+469\\s+24\\.0\\s+3\\.0");
        assertThat(parking("--from", FROM, "--to", TO, "--hour", "12", "--area", "G2")).isZero();
        assertThat(out()).as("the shared lot is not counted by day").containsPattern("G2 二网格\\s+12\\s+0\\s+0");
    }

    @Test
    void jsonAndGeoJson() throws Exception {
        assertThat(parking("--from", FROM, "--to", TO, "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.path("areas").path(0).path("plates")).hasSize(5);
        assertThat(json.path("matches").path(0).path("coverable").asDouble()).isEqualTo(3.0);
        assertThat(parking("--from", FROM, "--to", TO, "--geojson", "--hour", "22")).isZero();
        JsonNode fc = new ObjectMapper().readTree(out());
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features").findValuesAsText("layer")).contains("area", "lot", "match");
    }

    @Test
    void badInputIsRefused() {
        assertThat(parking("--from", FROM, "--to", TO, "--geojson")).isEqualTo(1);
        assertThat(cli.err()).contains("--geojson needs --hour");
        assertThat(parking("--from", FROM, "--to", TO, "--night", "evening")).isEqualTo(1);
        assertThat(cli.err()).contains("--night");
    }
}
