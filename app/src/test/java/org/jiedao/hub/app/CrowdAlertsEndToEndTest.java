package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jiedao.hub.analytics.CrowdZone;
import org.jiedao.hub.graph.feed.Alerts;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.CrowdSilo;
import org.jiedao.hub.simulator.MqttEventPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crowd alerts end to end (issue 8, item 4): two generated days of counter messages ({@link CrowdSilo}) go over a
 * real MQTT broker (Mosquitto on loopback) into the hub's example source {@code config/examples/crowd-mqtt.yaml}; the
 * hub's monitor, configured by the repository's {@code config/crowd.yaml}, closes the buckets of the last day; a
 * GraphQL client subscribed to {@code alerts} over WebSocket hears exactly the alerts the generator's surge and
 * wavering call for, and each is in the audit trail and in {@code crowdAlerts}.
 */
class CrowdAlertsEndToEndTest {
    private static final String BROKER = "tcp://127.0.0.1:1883";

    @TempDir
    Path dir;

    @Test
    void countsOverMqttBecomeAlertsOnTheSubscriptionTheAuditTrailAndTheQuery() throws Exception {
        TestNeo4j.clear();
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Files.copy(TestHubs.repoRoot().resolve("config/examples/crowd-mqtt.yaml"), sources.resolve("crowd-mqtt.yaml"));
        Path crowd = dir.resolve("crowd.yaml"); // the repository's zones, with the schedule off: the test closes buckets itself
        Files.writeString(crowd, Files.readString(TestHubs.repoRoot().resolve("config/crowd.yaml"))
                .replaceFirst("(?m)^evaluateEvery: .*$", "evaluateEvery: 0s"));
        String run = Long.toHexString(System.nanoTime());
        Map<String, String> env = new HashMap<>();
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        env.put("HUB_DATA_DIR", dir.resolve("data").toString());
        env.put("HUB_SOURCES_DIR", sources.toString());
        env.put("HUB_HTTP_PORT", "0");
        env.put("HUB_CROWD_CONFIG", crowd.toString());
        env.put("MQTT_BROKER", BROKER);
        env.put("CROWD_TOPIC", "jiedao-test/" + run + "/crowd/#");
        env.put("CROWD_CLIENT_ID", "hub-crowd-" + run);
        // the evening only (16:00-23:00), to keep the messages few: the surge zone's evening; the wavering of the
        // other zone happens in the morning and is the analytics module's CrowdMonitorTest's
        CrowdSilo silo = new CrowdSilo(5, LocalDate.of(2026, 11, 27), 2, Duration.ofMinutes(5), LocalTime.of(16, 0), LocalTime.of(23, 0));
        try (Hub hub = Hub.start(HubSettings.fromEnvironment(env))) {
            assertThat(hub.crowd().settings().zones()).as("the shipped zones are the generator's")
                    .extracting(CrowdZone::code).containsExactlyElementsOf(CrowdSilo.ZONES.stream().map(CrowdSilo.Zone::code).toList());
            try (GraphQLSocket ws = subscribe(hub)) {
                try (MqttEventPublisher p = new MqttEventPublisher(BROKER, "crowd-sim-" + run, "jiedao-test/" + run + "/crowd")) {
                    p.publish(silo.counts());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                while (observations(hub) < silo.counts().size()) {
                    assertThat(System.nanoTime()).as("all %d counts ingested within 300 s (%d so far)", silo.counts().size(), observations(hub))
                            .isLessThan(deadline);
                    Thread.sleep(200);
                }
                Instant day = silo.lastDay();
                Duration grace = hub.crowd().settings().grace();
                hub.crowd().evaluate(day.plus(grace)); // first start: the day before is the warm-up season
                for (Instant t = day; !t.isAfter(day.plus(Duration.ofDays(1))); t = t.plus(Duration.ofMinutes(30))) {
                    hub.crowd().evaluate(t.plus(grace));
                }

                List<JsonNode> heard = new ArrayList<>();
                JsonNode m;
                while ((m = ws.poll(heard.size() < 3 ? 30 : 2)) != null) {
                    JsonNode alert = m.path("payload").path("data").path("alerts");
                    if (alert.path("kind").asText().startsWith("CROWD_")) {
                        heard.add(alert);
                    }
                }
                assertThat(heard).extracting(a -> a.path("source").asText() + " " + a.path("kind").asText()).containsExactly(
                        "XCJ-Z01 CROWD_DENSITY_FORECAST", "XCJ-Z01 CROWD_DENSITY_EXCEEDED", "XCJ-Z01 CROWD_DENSITY_CLEARED");
                assertThat(heard.get(1).path("severity").asText()).isEqualTo("CRITICAL");
                String exceeded = CrowdSilo.SURGE_ZONE + "|" + silo.truth().get(CrowdSilo.SURGE_ZONE).firstOver() + "|CROWD_DENSITY_EXCEEDED";
                assertThat(heard.get(1).path("id").asText()).isEqualTo(exceeded);

                String audit = auditText();
                for (JsonNode a : heard) {
                    assertThat(audit).as("audited: " + a.path("id").asText()).contains("\"alertId\":\"" + a.path("id").asText() + "\"");
                }
                JsonNode listed = TestHubs.graphql(hub, "{ crowdAlerts(from: \"" + day + "\", to: \"" + day.plus(Duration.ofDays(1))
                        + "\") { id zone kind density } }").path("data").path("crowdAlerts");
                assertThat(listed).extracting(a -> a.path("id").asText())
                        .containsExactlyInAnyOrderElementsOf(heard.stream().map(a -> a.path("id").asText()).toList());
                Instant over = silo.truth().get(CrowdSilo.SURGE_ZONE).firstOver();
                JsonNode bucket = TestHubs.graphql(hub, "{ crowdDensity(zone: \"XCJ-Z01\", from: \"" + over + "\", to: \"" + over.plusSeconds(300)
                        + "\") { start density observations forecastMax } crowdRecords(zone: \"XCJ-Z01\", bucket: \"" + over + "\") }").path("data");
                assertThat(bucket.path("crowdDensity").path(0).path("density").asDouble())
                        .isCloseTo(silo.truth().get(CrowdSilo.SURGE_ZONE).densities().get(over), org.assertj.core.api.Assertions.within(1e-9));
                assertThat(bucket.path("crowdRecords")).hasSize(2);
                assertThat(bucket.path("crowdRecords").path(0).asText()).startsWith("crowd-counters:CC-010");
            }
        }
    }

    private static long observations(Hub hub) {
        try (var s = hub.neo4j().driver().session()) {
            return s.run("MATCH (o:Observation)-[:MADE_BY_SENSOR]->(:Sensor) RETURN count(o) AS n").single().get("n").asLong();
        }
    }

    /** Subscribes to {@code alerts} as the admin and waits (at most 30 s) until the subscription is in place. */
    private static GraphQLSocket subscribe(Hub hub) throws Exception {
        GraphQLSocket ws = new GraphQLSocket(hub);
        ws.subscribe("a", "subscription { alerts(minSeverity: INFO) { id kind severity source message } }");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Alerts.subscribers() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return ws;
    }

    private String auditText() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("data/audit"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                out.append(Files.readString(f));
            }
        }
        return out.toString();
    }
}
