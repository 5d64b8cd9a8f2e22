package org.jiedao.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiedao.hub.routes.RouteFixture.count;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.simulator.EventSilo;
import org.jiedao.hub.simulator.MqttEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;

/**
 * The MQTT route (config/examples/parking-mqtt.yaml) against the real Mosquitto on 127.0.0.1:1883, with the
 * simulator's publisher, end to end into the test Neo4j. Each test uses its own topic and client id; the persistent
 * session is removed after.
 */
class MqttSourceRouteTest {
    private static final String EXAMPLE = "parking-mqtt.yaml";
    private static final String BROKER = "tcp://127.0.0.1:1883";
    @TempDir
    Path dir;
    private RecordWriter writer;
    private String prefix;
    private String clientId;
    private final EventSilo silo = EventSilo.withDefaults();

    @BeforeEach
    void setUp() {
        writer = RouteFixture.freshGraph();
        String sfx = ExampleSources.suffix();
        prefix = "jiedao-test/" + sfx + "/parking";
        clientId = "jiedao-test-" + sfx;
    }

    @AfterEach
    void endSession() throws Exception {
        MqttClient c = new MqttClient(BROKER, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        c.connect(o);
        c.disconnect();
        c.close();
    }

    private Map<String, String> settings() {
        return Map.of("PARKING_TOPIC", prefix + "/#", "PARKING_CLIENT_ID", clientId);
    }

    private MqttEventPublisher publisher() throws Exception {
        return new MqttEventPublisher(BROKER, clientId + "-pub", prefix);
    }

    private IntegrationRuntime routes(RecordWriter w) throws Exception {
        return ExampleSources.runtime(EXAMPLE, settings(),
                t -> t.replace("errorPolicy: {retries: 5, backoff: 1s}", "errorPolicy: {retries: 1, backoff: 100ms}"), w, dir);
    }

    @Test
    void eventsLandOnceAndDuplicatesCreateNothing() throws Exception {
        List<ObjectNode> events = silo.parkingEvents(30, 4);
        List<ObjectNode> sent = silo.withDuplicates(events, 0.3);
        assertThat(sent.size()).isGreaterThan(30);
        try (IntegrationRuntime routes = routes(writer)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(120))).as("an idle feed counts as caught up").isTrue();
            try (MqttEventPublisher p = publisher()) {
                p.publish(sent);
            }
            SourceStats s = routes.stats().get("parking-sensors");
            assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.completedUnits() == sent.size())).as(s.toString()).isTrue();
            assertThat(s.written()).isEqualTo(30);
            assertThat(s.unchanged()).isEqualTo(sent.size() - 30);
        }
        assertThat(count("MATCH (o:ParkingObservation) RETURN count(o)")).isEqualTo(30);
        assertThat(count("MATCH (r:SourceRecord {source: 'parking-sensors'}) RETURN count(r)")).isEqualTo(30);
        assertThat(count("MATCH (:ParkingObservation)-[:MADE_BY_SENSOR]->(s:Sensor) RETURN count(DISTINCT s)")).isBetween(1L, 4L);
        long withPlate = events.stream().filter(e -> e.has("plate")).count();
        assertThat(count("MATCH (:ParkingObservation)-[:OBSERVED_VEHICLE]->(v:Vehicle) RETURN count(*)")).isEqualTo(withPlate);
    }

    @Test
    void eventsPublishedWhileTheHubIsDownArriveWhenItReconnects() throws Exception {
        try (IntegrationRuntime routes = routes(writer)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(120))).isTrue();
        }
        try (MqttEventPublisher p = publisher()) {
            p.publish(silo.parkingEvents(10, 2));
        }
        try (IntegrationRuntime routes = routes(writer)) {
            routes.start();
            SourceStats s = routes.stats().get("parking-sensors");
            assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.completedUnits() == 10)).as(s.toString()).isTrue();
        }
        assertThat(count("MATCH (o:ParkingObservation) RETURN count(o)")).isEqualTo(10);
    }

    @Test
    void aMessageIsNotAcknowledgedWhileTheGraphIsUnreachableAndIsDeliveredAgainUntilItLoads() throws Exception {
        try (BoltGate gate = new BoltGate(false); Driver driver = gate.driver()) {
            RecordWriter gated = new RecordWriter(driver);
            try (IntegrationRuntime routes = routes(gated)) {
                routes.start();
                assertThat(routes.awaitInitialLoad(Duration.ofSeconds(120))).isTrue();
                try (MqttEventPublisher p = publisher()) {
                    p.publish(silo.parkingEvents(3, 2));
                }
                SourceStats s = routes.stats().get("parking-sensors");
                // each delivery: first try and one retry fail; more than 6 failures means the broker delivered again
                assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.failedUnits() > 6)).as(s.toString()).isTrue();
                assertThat(s.completedUnits()).isZero();
                assertThat(count("MATCH (o:ParkingObservation) RETURN count(o)")).isZero();
                gate.open();
                assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.completedUnits() >= 3)).as(s.toString()).isTrue();
                assertThat(s.written()).isEqualTo(3);
            }
            // at least once: a message whose acknowledgement was cut by a reconnect may come once more, and changes nothing
            try (IntegrationRuntime routes = routes(gated)) {
                routes.start();
                Thread.sleep(2_000);
                SourceStats again = routes.stats().get("parking-sensors");
                assertThat(again.written()).isZero();
                assertThat(again.unchanged()).isEqualTo(again.read());
            }
        }
        assertThat(count("MATCH (o:ParkingObservation) RETURN count(o)")).isEqualTo(3);
    }

    @Test
    void aMessageThatIsNotJsonIsQuarantinedAndAcknowledged() throws Exception {
        try (IntegrationRuntime routes = routes(writer)) {
            routes.start();
            assertThat(routes.awaitInitialLoad(Duration.ofSeconds(120))).isTrue();
            try (MqttEventPublisher p = publisher()) {
                p.publishRaw(prefix + "/PK-0009", "PK-0009 entry 京A12345".getBytes(StandardCharsets.UTF_8));
            }
            SourceStats s = routes.stats().get("parking-sensors");
            assertThat(ExampleSources.await(Duration.ofSeconds(180), () -> s.completedUnits() == 1)).as(s.toString()).isTrue();
            assertThat(s.quarantined()).isEqualTo(1);
        }
        // acknowledged: a new connection of the same session gets nothing again
        try (IntegrationRuntime routes = routes(writer)) {
            routes.start();
            Thread.sleep(2_000);
            assertThat(routes.stats().get("parking-sensors").read()).isZero();
        }
        assertThat(count("MATCH (q:QuarantinedRecord {source: 'parking-sensors', location: $l}) WHERE q.reason CONTAINS 'JSON' RETURN count(q)",
                Map.of("l", "topic " + prefix + "/PK-0009"))).isEqualTo(1);
    }
}
