package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of the running hub, in the Prometheus text format, after a source has loaded a file. */
class MetricsEndpointTest {
    @TempDir
    Path dir;

    @Test
    void metricsExposeTheSourceCountersAfterALoadAndJvmBasics() throws Exception {
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
            String before = scrape(hub);
            assertThat(before).contains("hub_records_read_total{source=\"residents\"} 0.0");

            new ResidentsFile("residents.csv", 60, 20).write(drop); // rows 17, 37 and 57 are bad
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(2))).isTrue();
            String metrics = scrape(hub);
            assertThat(metrics)
                    .contains("hub_records_read_total{source=\"residents\"} 60.0")
                    .contains("hub_records_written_total{source=\"residents\"} 57.0")
                    .contains("hub_records_unchanged_total{source=\"residents\"} 0.0")
                    .contains("hub_records_quarantined_total{source=\"residents\"} 3.0")
                    .contains("hub_units_completed_total{source=\"residents\"} 1.0")
                    .contains("hub_units_failed_total{source=\"residents\"} 0.0")
                    .contains("hub_units_inflight{source=\"residents\"} 0.0")
                    .contains("hub_source_lag_seconds{source=\"residents\"} 0.0")
                    .contains("# TYPE hub_records_read_total counter")
                    .contains("jvm_memory_used_bytes").contains("process_uptime_seconds");

            // a file waiting in the directory shows as lag (the route is stopped so it stays waiting)
            hub.routes().close();
            Path waiting = new ResidentsFile("late.csv", 1, 1000).write(drop);
            Files.setLastModifiedTime(waiting, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 90_000));
            assertThat(scrape(hub)).containsPattern("hub_source_lag_seconds\\{source=\"residents\"} (9\\d|1\\d\\d)\\.\\d+");
        }
    }

    private static String scrape(Hub hub) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.api().port() + "/metrics")).header("X-API-Key", AdminKey.of(hub)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return r.body();
    }
}
