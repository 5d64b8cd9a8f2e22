package org.jiedao.hub.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.jiedao.hub.analytics.AnalyticsGraph.C1;
import static org.jiedao.hub.analytics.AnalyticsGraph.C2;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/**
 * Parking balance on a constructed district (grids G1, G2, G3 of C1 side by side, G9 of C2 far west): G1 has 4
 * hutong spaces and 7 resident cars (short by 3 at night); G2 has a 错时停车 lot of 20 spaces shared 19-7 (readings 2
 * and 4 at 22:30 on two nights: mean 3, idle 17) 470 m from G1's centre; G3 a public lot of 10 spaces (reading 9 at
 * 22:30, idle 1) 1.7 km away; G9 a public lot with no cars.
 */
class ParkingBalanceTest {
    private static final Period PERIOD = new Period(Instant.parse("2026-10-31T16:00:00Z"), Instant.parse("2026-11-02T16:00:00Z"));
    private static ParkingBalance parking;

    @BeforeAll
    static void graph() {
        AnalyticsGraph.places();
        run("""
                MATCH (g1:Grid {code: 'G1'}), (g2:Grid {code: 'G2'}), (g3:Grid {code: 'G3'}), (g9:Grid {code: 'G9'})
                MATCH (a1:Address {text: $a1})
                CREATE (:ParkingLot {code: 'L1H', name: '一网格胡同停车位', kind: 'hutong', capacity: 4, latitude: 39.905, longitude: 116.375})-[:LOT_IN_GRID]->(g1)
                CREATE (:ParkingLot {code: 'L2S', name: '二网格错时共享', kind: 'shared', capacity: 20, sharedFromHour: 19, sharedUntilHour: 7,
                                     latitude: 39.905, longitude: 116.3805})-[:LOT_IN_GRID]->(g2)
                CREATE (:ParkingLot {code: 'L3A', name: '三网格公共停车场', kind: 'public', capacity: 10, latitude: 39.905, longitude: 116.395})-[:LOT_IN_GRID]->(g3)
                CREATE (:ParkingLot {code: 'L9A', name: '九网格公共停车场', kind: 'public', capacity: 30, latitude: 39.905, longitude: 116.305})-[:LOT_IN_GRID]->(g9)
                WITH a1
                UNWIND range(1, 7) AS i
                CREATE (p:Person {idNumber: 'P' + i})-[:RESIDES_AT]->(a1)
                CREATE (p)-[:OWNS]->(v:Vehicle {plate: '京A0000' + i})
                CREATE (:SourceRecord {uid: 'vehicles:' + i})-[:RESOLVES_TO]->(v)
                """, Map.of("a1", AnalyticsGraph.A1));
        reading("o1", "L2S", "2026-11-01T22:30+08:00", 2);
        reading("o2", "L2S", "2026-11-02T22:30+08:00", 4);
        reading("o3", "L3A", "2026-11-02T22:30+08:00", 9);
        reading("o4", "L2S", "2026-11-02T10:30+08:00", 18);
        reading("o5", "L2S", "2026-11-05T22:30+08:00", 20); // after the period
        parking = new ParkingBalance(TestNeo4j.driver());
    }

    private static void reading(String id, String lot, String at, double occupied) {
        run("""
                MATCH (l:ParkingLot {code: $lot})
                CREATE (o:Observation:ParkingObservation {observationId: $id, resultTime: $at, parkingEvent: 'occupancy', numericResult: $n})-[:AT_PARKING_LOT]->(l)
                CREATE (:SourceRecord {uid: 'parking-occupancy:' + $id})-[:RESOLVES_TO]->(o)
                """, Map.of("id", id, "lot", lot, "at", OffsetDateTime.parse(at), "n", occupied));
    }

    private static ParkingArea area(ParkingReport r, String kind, String code) {
        return r.areas().stream().filter(a -> a.area().kind().equals(kind) && a.area().code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void theGapOfTheShortGridIsItsResidentCarsLessItsSpacesAtNight() {
        ParkingReport r = parking.compute(PERIOD, ParkingSettings.DEFAULT, CommunityScope.ALL);
        ParkingArea g1 = area(r, Area.GRID, "G1");
        assertThat(g1.residentVehicles()).isEqualTo(7);
        assertThat(g1.plates()).hasSize(7).contains("京A00001");
        assertThat(g1.vehicleRecords()).contains("vehicles:1");
        assertThat(g1.hours().get(22).gap()).isEqualTo(3.0);
        assertThat(g1.hours().get(22).lots()).containsExactly("L1H");
        assertThat(g1.hours().get(12).gap()).as("by day no resident demand").isEqualTo(-4.0);
    }

    @Test
    void aSharedLotCountsOnlyInItsHoursAndItsOccupancyIsTheMeanOverTheDays() {
        ParkingReport r = parking.compute(PERIOD, ParkingSettings.DEFAULT, CommunityScope.ALL);
        ParkingArea g2 = area(r, Area.GRID, "G2");
        assertThat(g2.hours().get(22).supply()).isEqualTo(20);
        assertThat(g2.hours().get(10).supply()).isZero();
        assertThat(g2.hours().get(10).observedDemand()).as("office use outside the shared hours is not residents' demand").isZero();
        ParkingLotStatus l2 = r.lots().stream().filter(l -> l.code().equals("L2S")).findFirst().orElseThrow();
        ParkingLotHour at22 = l2.hours().get(22);
        assertThat(at22.occupancy()).isEqualTo(3.0);
        assertThat(at22.days()).isEqualTo(2);
        assertThat(at22.idle()).isEqualTo(17.0);
        assertThat(at22.records()).containsExactly("parking-occupancy:o1", "parking-occupancy:o2");
        assertThat(g2.hours().get(22).observedDemand()).isEqualTo(3.0);
        ParkingReport max = parking.compute(PERIOD, new ParkingSettings(19, 7, 100.0, 500), CommunityScope.ALL);
        assertThat(max.lots().stream().filter(l -> l.code().equals("L2S")).findFirst().orElseThrow().hours().get(22).occupancy())
                .as("the 100th percentile is the busiest night").isEqualTo(4.0);
    }

    @Test
    void theNearestIdleLotOutsideTheShortGridCoversItsGap() {
        ParkingReport r = parking.compute(PERIOD, ParkingSettings.DEFAULT, CommunityScope.ALL);
        List<ParkingMatch> at22 = r.matches().stream().filter(m -> m.hour() == 22 && m.area().kind().equals(Area.GRID)).toList();
        assertThat(at22).singleElement().satisfies(m -> {
            assertThat(m.area().code()).isEqualTo("G1");
            assertThat(m.lot()).isEqualTo("L2S");
            assertThat(m.coverable()).isEqualTo(3.0);
            assertThat(m.distanceMetres()).isCloseTo(Haversine.metres(39.905, 116.375, 39.905, 116.3805), within(1e-6));
        });
        assertThat(r.matches()).as("no lot has readings at 3 o'clock").noneMatch(m -> m.hour() == 3);
        ParkingReport near = parking.compute(PERIOD, new ParkingSettings(19, 7, null, 100), CommunityScope.ALL);
        assertThat(near.matches()).as("L2S is 470 m from G1's centre").noneMatch(m -> m.area().kind().equals(Area.GRID));
    }

    @Test
    void aCaseworkerSeesOnlyHerCommunities() {
        ParkingReport mine = parking.compute(PERIOD, ParkingSettings.DEFAULT, CommunityScope.of(List.of(C2)));
        assertThat(mine.areas()).extracting(a -> a.area().code()).containsExactly("G9", C2);
        assertThat(mine.lots()).extracting(ParkingLotStatus::code).containsExactly("L9A");
        assertThat(mine.matches()).isEmpty();
        ParkingReport c1 = parking.compute(PERIOD, ParkingSettings.DEFAULT, CommunityScope.of(List.of(C1)));
        assertThat(area(c1, Area.COMMUNITY, C1).hours().get(22).supply()).isEqualTo(4 + 20 + 10);
    }

    @Test
    void theGeoJsonHasTheAreasTheLotsAndTheMatchesOfTheHour() {
        JsonNode fc = ParkingGeoJson.of(parking.compute(PERIOD, ParkingSettings.DEFAULT, CommunityScope.ALL), 22);
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        JsonNode g1 = null;
        int lots = 0;
        int matches = 0;
        for (JsonNode f : fc.path("features")) {
            switch (f.path("properties").path("layer").asText()) {
                case "area" -> {
                    if (f.path("properties").path("code").asText().equals("G1")) {
                        g1 = f;
                    }
                }
                case "lot" -> lots++;
                default -> matches++;
            }
        }
        assertThat(g1).isNotNull();
        assertThat(g1.path("geometry").path("type").asText()).isEqualTo("Polygon");
        assertThat(g1.path("properties").path("gap").asDouble()).isEqualTo(3.0);
        JsonNode ring = g1.path("geometry").path("coordinates").get(0);
        assertThat(ring.get(0).get(0).asDouble()).as("longitude first").isEqualTo(116.37);
        assertThat(lots).isEqualTo(4);
        assertThat(matches).isEqualTo(1);
        assertThatThrownBy(() -> ParkingGeoJson.of(parking.compute(PERIOD, ParkingSettings.DEFAULT, CommunityScope.ALL), 24))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParkingSettings(7, 7, null, 500)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void run(String cypher, Map<String, Object> params) {
        try (Session s = TestNeo4j.driver().session()) {
            s.run(cypher, params).consume();
        }
    }
}
