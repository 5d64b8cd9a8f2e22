package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.analytics.Area;
import org.jiedao.hub.analytics.CommunityScope;
import org.jiedao.hub.analytics.ParkingArea;
import org.jiedao.hub.analytics.ParkingBalance;
import org.jiedao.hub.analytics.ParkingLotStatus;
import org.jiedao.hub.analytics.ParkingMatch;
import org.jiedao.hub.analytics.ParkingReport;
import org.jiedao.hub.analytics.ParkingSettings;
import org.jiedao.hub.analytics.Period;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parking supply and demand end to end: the generator writes the grid, address and parking-lot registers and a week of
 * occupancy readings beside the household and vehicle registries, with a constructed short grid
 * ({@code parking_truth.csv}); the hub ingests them through its normal file routes; the analytic must find, for every
 * grid, the resident vehicles and the supply per hour the generator knows, for every sensor lot its mean occupancy per
 * hour, the exact gap of the constructed grid at every hour, that no other grid is short, and the shared lot the
 * generator placed next to it as the first candidate, covering the whole gap.
 */
class ParkingEndToEndTest {
    @TempDir
    Path dataDir;

    private record Row(String kind, String subject, String hour, String value, String detail) {
    }

    private List<Row> truth() throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(TestHubs.settings(dataDir).silosDir().resolve(SiloGenerator.PARKING_TRUTH_FILE));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            rows.add(new Row(f[0], f[1], f[2], f[3], f[4]));
        }
        return rows;
    }

    @Test
    void theAnalyticFindsTheGeneratorsGapsAndMatch() throws Exception {
        TestNeo4j.clear();
        HubSettings settings = TestHubs.settings(dataDir);
        SiloGenerator.Options.builder().persons(1500).generator().generate(settings.silosDir());
        List<Row> truth = truth();
        Row p = truth.stream().filter(r -> r.kind().equals("period")).findFirst().orElseThrow();
        Period period = new Period(LocalDate.parse(p.subject()).atStartOfDay(ParkingBalance.ZONE).toInstant(),
                LocalDate.parse(p.detail()).atStartOfDay(ParkingBalance.ZONE).toInstant());
        try (Hub hub = Hub.start(settings)) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(5))).isTrue();
            ParkingReport report = new ParkingBalance(TestNeo4j.driver()).compute(period, ParkingSettings.DEFAULT, CommunityScope.ALL);
            Map<String, ParkingArea> grids = new HashMap<>();
            report.areas().stream().filter(a -> a.area().kind().equals(Area.GRID)).forEach(a -> grids.put(a.area().code(), a));
            Map<String, ParkingLotStatus> lots = new HashMap<>();
            report.lots().forEach(l -> lots.put(l.code(), l));

            long gridCount = truth.stream().filter(r -> r.kind().equals("residents")).count();
            assertThat(grids).hasSize((int) gridCount);
            assertThat(grids.values()).as("every grid is located by its boundary").allMatch(a -> a.latitude() != null);
            String shortGrid = null;
            int checkedOccupancy = 0;
            for (Row r : truth) {
                switch (r.kind()) {
                    case "residents" -> {
                        ParkingArea a = grids.get(r.subject());
                        assertThat(a.residentVehicles()).as("resident vehicles of " + r.subject()).isEqualTo(Integer.parseInt(r.value()));
                        assertThat(a.area().community()).isEqualTo(r.detail());
                    }
                    case "supply" -> assertThat(grids.get(r.subject()).hours().get(Integer.parseInt(r.hour())).supply())
                            .as("supply of %s at %s h", r.subject(), r.hour()).isEqualTo(Integer.parseInt(r.value()));
                    case "occupancy" -> {
                        assertThat(lots.get(r.subject()).hours().get(Integer.parseInt(r.hour())).occupancy())
                                .as("mean occupancy of %s at %s h", r.subject(), r.hour()).isCloseTo(Double.parseDouble(r.value()), within(1e-9));
                        assertThat(lots.get(r.subject()).hours().get(Integer.parseInt(r.hour())).records()).hasSize(Integer.parseInt(p.value()));
                        checkedOccupancy++;
                    }
                    case "gap" -> {
                        shortGrid = r.subject();
                        assertThat(grids.get(r.subject()).hours().get(Integer.parseInt(r.hour())).gap())
                                .as("gap of the constructed grid %s at %s h", r.subject(), r.hour()).isEqualTo(Double.parseDouble(r.value()));
                    }
                    case "match" -> {
                        int hour = Integer.parseInt(r.hour());
                        List<ParkingMatch> ms = report.matches().stream()
                                .filter(m -> m.area().kind().equals(Area.GRID) && m.area().code().equals(r.subject()) && m.hour() == hour).toList();
                        assertThat(ms).as("matches of %s at %s h", r.subject(), r.hour()).isNotEmpty();
                        assertThat(ms.getFirst().lot()).isEqualTo(r.detail());
                        assertThat(ms.getFirst().coverable()).isEqualTo(Double.parseDouble(r.value()));
                    }
                    default -> {
                    }
                }
            }
            assertThat(checkedOccupancy).isPositive();
            String constructed = shortGrid;
            assertThat(constructed).isNotNull();
            assertThat(grids.get(constructed).hours().get(22).gap()).as("the constructed grid is short at night").isPositive();
            assertThat(grids.values()).as("no other grid is short at any hour")
                    .filteredOn(a -> !a.area().code().equals(constructed))
                    .allSatisfy(a -> assertThat(a.hours()).allSatisfy(h -> assertThat(h.gap()).isLessThanOrEqualTo(0)));
            // the same through GraphQL, as the admin (the README's example)
            com.fasterxml.jackson.databind.JsonNode gql = TestHubs.graphql(hub, """
                    { parkingBalance(from: "%s", to: "%s", areaKind: "GRID", area: "%s") {
                        areas { area { code name } residentVehicles hours { hour supply residentDemand observedDemand gap } }
                        matches { hour lot lotArea distanceMetres idle coverable } } }"""
                    .formatted(period.from().atZone(ParkingBalance.ZONE).toOffsetDateTime(), period.to().atZone(ParkingBalance.ZONE).toOffsetDateTime(),
                            constructed));
            System.out.println("parking example: " + gql);
            com.fasterxml.jackson.databind.JsonNode area = gql.path("data").path("parkingBalance").path("areas").path(0);
            assertThat(area.path("hours").path(22).path("gap").asDouble()).isEqualTo(grids.get(constructed).hours().get(22).gap());
            assertThat(gql.path("data").path("parkingBalance").path("matches").path(0).path("lot").asText())
                    .isEqualTo(report.matches().stream().filter(m -> m.area().code().equals(constructed)).findFirst().orElseThrow().lot());
        }
    }
}
