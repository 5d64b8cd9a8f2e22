package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.jiedao.hub.graph.feed.Alerts;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running hub's subscriptions: a file dropped into a source's directory goes through its route and the writer,
 * and a WebSocket client subscribed to {@code entityChanged} and {@code alerts} hears of the vehicle it wrote and of
 * the rows it quarantined.
 */
class HubSubscriptionsTest {

    @TempDir
    Path dir;

    @Test
    void aDroppedFileIsHeardOfOverTheWebSocket() throws Exception {
        TestNeo4j.clear();
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Files.writeString(sources.resolve("residents.yaml"), ResidentsFile.definition(drop));
        Map<String, String> env = new HashMap<>();
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        env.put("HUB_DATA_DIR", dir.resolve("data").toString());
        env.put("HUB_SOURCES_DIR", sources.toString());
        env.put("HUB_HTTP_PORT", "0");
        try (Hub hub = Hub.start(HubSettings.fromEnvironment(env))) {
            try (GraphQLSocket ws = new GraphQLSocket(hub)) {
                ws.subscribe("v", "subscription { entityChanged(types: [\"Vehicle\"], keys: [\"京A·00004\"]) { key change source } }");
                ws.subscribe("a", "subscription { alerts(minSeverity: WARNING) { kind source message } }");
                // the server subscribes asynchronously: wait until both subscriptions are in place
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((hub.changes().subscribers() < 1 || Alerts.subscribers() < 1) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }

                new ResidentsFile("residents.csv", 60, 20).write(drop); // rows 17, 37 and 57 are bad
                JsonNode vehicle = null;
                JsonNode alert = null;
                while (vehicle == null || alert == null) {
                    JsonNode m = ws.poll(60);
                    assertThat(m).as("the vehicle change and the quarantine alert within 60 s").isNotNull();
                    assertThat(m.path("type").asText()).isEqualTo("next");
                    if (m.path("id").asText().equals("v")) {
                        vehicle = m.path("payload").path("data").path("entityChanged");
                    } else if (m.path("payload").path("data").path("alerts").path("source").asText().equals("residents")) {
                        alert = m.path("payload").path("data").path("alerts");
                    }
                }
                assertThat(vehicle.path("key").asText()).isEqualTo("京A00004");
                assertThat(vehicle.path("change").asText()).isEqualTo("CREATED");
                assertThat(vehicle.path("source").asText()).isEqualTo("residents");
                assertThat(alert.path("kind").asText()).isEqualTo("RECORDS_QUARANTINED");
                assertThat(alert.path("message").asText()).contains("3 record(s) quarantined");
            }
        }
    }
}
