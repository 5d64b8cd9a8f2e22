package org.jiedao.hub.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.CrowdSilo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/**
 * The crowd monitor on three generated days of counts ({@link CrowdSilo}), written in the shapes the hub's writer
 * gives: the alerts it raises are the ones the generator's densities call for, a restart neither repeats nor loses
 * one, and every bucket's count leads to its counters' records.
 */
class CrowdMonitorTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static CrowdSilo silo;

    @BeforeAll
    static void writeCounts() {
        TestNeo4j.clear();
        silo = new CrowdSilo(11, LocalDate.of(2026, 11, 20), 3, Duration.ofMinutes(5));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ObjectNode e : silo.counts()) {
            rows.add(Map.of("id", e.get("eventId").asText(), "device", e.path("device").path("id").asText(),
                    "at", LocalDateTime.parse(e.get("observedAt").asText()).atZone(BEIJING),
                    "value", e.get("count").asDouble()));
        }
        try (Session s = TestNeo4j.driver().session()) {
            for (int i = 0; i < rows.size(); i += 1000) {
                s.run("""
                        UNWIND $rows AS row
                        MERGE (sensor:Sensor {deviceId: row.device})
                        CREATE (o:Observation {observationId: row.id, resultTime: row.at, numericResult: row.value})-[:MADE_BY_SENSOR]->(sensor)
                        CREATE (:SourceRecord {uid: 'crowd-counters:' + row.id, source: 'crowd-counters', recordKey: row.id})-[:RESOLVES_TO {rule: 'key', score: 1.0}]->(o)
                        """, Map.of("rows", rows.subList(i, Math.min(rows.size(), i + 1000)))).consume();
            }
            s.run("CREATE INDEX observation_time IF NOT EXISTS FOR (o:Observation) ON (o.resultTime)").consume();
            s.run("CALL db.awaitIndexes(60)").consume();
        }
    }

    static CrowdSettings settings() {
        List<CrowdZone> zones = CrowdSilo.ZONES.stream().map(z -> new CrowdZone(z.code(), z.name(), z.community(), z.areaSquareMetres(),
                List.copyOf(z.sensors().keySet()), CrowdSilo.THRESHOLD, CrowdSilo.CLEAR_BELOW)).toList();
        return CrowdSettings.defaults(zones);
    }

    @Test
    void raisesTheAlertsTheGeneratedDensitiesCallForOnceEach() {
        CrowdSettings settings = settings();
        List<CrowdAlert> alerts = new ArrayList<>();
        Instant day2 = silo.lastDay().minus(Duration.ofDays(1));
        Instant end = silo.lastDay().plus(Duration.ofDays(1));
        CrowdMonitor first = new CrowdMonitor(TestNeo4j.driver(), settings, alerts::add);
        first.prepare();
        // first start at the beginning of day 2: day 1 is the warm-up season, kept without alerting
        first.evaluate(day2.plus(settings.grace()));
        // catch-up runs, each shorter than a season (a longer gap is warmed up again, without alerting)
        first.evaluate(day2.plus(Duration.ofHours(20)).plus(settings.grace()));
        first.evaluate(silo.lastDay().plus(Duration.ofHours(12)).plus(settings.grace()));
        assertThat(new CrowdMonitor(TestNeo4j.driver(), settings, alerts::add)
                .evaluate(silo.lastDay().plus(Duration.ofHours(12)).plus(settings.grace())))
                .as("a second hub finds the buckets closed").isEmpty();
        // a restarted monitor goes on where the first left off, every half hour
        CrowdMonitor restarted = new CrowdMonitor(TestNeo4j.driver(), settings, alerts::add);
        for (Instant t = silo.lastDay().plus(Duration.ofHours(12)); !t.isAfter(end); t = t.plus(Duration.ofMinutes(30))) {
            restarted.evaluate(t.plus(settings.grace()));
        }

        assertThat(alerts).as("nothing on the ordinary day 2").allMatch(a -> !a.bucket().isBefore(silo.lastDay()));
        CrowdSilo.Truth surge = silo.truth().get(CrowdSilo.SURGE_ZONE);
        List<CrowdAlert> z1 = alerts.stream().filter(a -> a.zone().equals(CrowdSilo.SURGE_ZONE)).toList();
        assertThat(z1).extracting(CrowdAlert::kind)
                .containsExactly("CROWD_DENSITY_FORECAST", "CROWD_DENSITY_EXCEEDED", "CROWD_DENSITY_CLEARED");
        assertThat(z1.get(0).bucket()).as("warned before the surge").isBefore(surge.firstOver());
        assertThat(z1.get(0).forecastMax()).isGreaterThanOrEqualTo(CrowdSilo.THRESHOLD);
        assertThat(z1.get(1).bucket()).isEqualTo(surge.firstOver());
        assertThat(z1.get(1).density()).isCloseTo(surge.densities().get(surge.firstOver()), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(z1.get(2).bucket()).isAfter(surge.lastOver());

        CrowdSilo.Truth flap = silo.truth().get(CrowdSilo.FLAP_ZONE);
        List<CrowdAlert> z2 = alerts.stream().filter(a -> a.zone().equals(CrowdSilo.FLAP_ZONE)).toList();
        assertThat(z2).as("wavering around the threshold for an hour raises one alert").extracting(CrowdAlert::kind)
                .containsExactly("CROWD_DENSITY_EXCEEDED", "CROWD_DENSITY_CLEARED");
        assertThat(z2.get(0).bucket()).isEqualTo(flap.firstOver());
        assertThat(z2.get(1).bucket()).isAfter(flap.lastOver()).isBefore(flap.lastOver().plus(Duration.ofHours(1)));

        try (Session s = TestNeo4j.driver().session()) {
            assertThat(s.run("MATCH (a:CrowdAlert) RETURN count(a) AS n").single().get("n").asInt()).isEqualTo(alerts.size());
            double kept = s.run("MATCH (d:CrowdDensity {id: $id}) RETURN d.density AS d",
                    Map.of("id", CrowdSilo.SURGE_ZONE + "|" + surge.firstOver())).single().get("d").asDouble();
            assertThat(kept).isCloseTo(surge.densities().get(surge.firstOver()), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void aBucketsCountLeadsToItsCountersRecords() {
        CrowdSettings settings = settings();
        CrowdZone zone = settings.zone(CrowdSilo.SURGE_ZONE).orElseThrow();
        Instant bucket = silo.truth().get(CrowdSilo.SURGE_ZONE).firstOver();
        CrowdDensities densities = new CrowdDensities(TestNeo4j.driver(), settings, null);
        List<CrowdBucket> one = densities.buckets(zone, new Period(bucket, bucket.plus(settings.bucket())));
        assertThat(one).hasSize(1);
        assertThat(one.get(0).observations()).isEqualTo(2);
        assertThat(one.get(0).density()).isCloseTo(silo.truth().get(CrowdSilo.SURGE_ZONE).densities().get(bucket),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(densities.records(zone, bucket)).hasSize(2).allMatch(uid -> uid.startsWith("crowd-counters:CC-010"));
    }

    @Test
    void aSilentCounterIsCarriedForwardThenMissing() {
        CrowdZone zone = new CrowdZone("ZX", "测试", "110102001027", 100, List.of("CC-0101", "CC-NONE"), 2, 1.5);
        CrowdSettings settings = CrowdSettings.defaults(List.of(zone));
        Instant after = silo.lastDay().plus(Duration.ofDays(1)); // no counts after the last day
        List<CrowdBucket> b = new CrowdDensities(TestNeo4j.driver(), settings, null)
                .buckets(zone, new Period(after.minus(settings.bucket()), after.plus(Duration.ofMinutes(15))));
        assertThat(b).hasSize(4);
        assertThat(b.get(0).missing()).containsExactly("CC-NONE");
        assertThat(b.get(1).carried()).containsExactly("CC-0101");
        assertThat(b.get(2).carried()).containsExactly("CC-0101");
        assertThat(b.get(3).known()).as("beyond carryForward the zone has no count").isFalse();
    }
}
