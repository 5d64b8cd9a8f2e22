package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hub bench analytics} on a tiny district and two days of sensor data: every analytic gets a row with its
 * baseline, the analytics find what the generator wrote (the grids of a community, every member's position, a zone's
 * buckets), and a second run with {@code --reuse} writes nothing. No timed assertion: the figures only have to be there.
 */
class BenchAnalyticsCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private Run bench(String... args) throws Exception {
        BenchAnalyticsCommand command = new BenchAnalyticsCommand();
        new CommandLine(command).parseArgs(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", dir.toString());
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        env.put("HUB_SERVICES_DIR", TestHubs.repoRoot().resolve("config/services").toString());
        command.env = env;
        command.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = command.call();
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void timesEveryAnalyticAgainstItsBaselineOnGeneratedData() throws Exception {
        TestNeo4j.clear();
        Path json = dir.resolve("report.json");
        String[] args = {"--persons", "300", "--days", "3", "--counters", "8", "--members", "3", "--runs", "2", "--json", json.toString()};
        Run first = bench(args);
        assertThat(first.exit()).as(first.out()).isZero();
        JsonNode report = Jsonl.JSON.readTree(json.toFile());
        assertThat(report.path("observations").asLong()).isEqualTo(8L * 3 * 1440 + 3L * 3 * 12 * 120);
        Map<String, JsonNode> rows = new HashMap<>();
        report.path("rows").forEach(r -> rows.put(r.path("analytic").asText(), r));
        assertThat(rows.keySet()).containsExactlyInAnyOrder("caseHotspots", "recurringComplaintAddresses", "caseTrends",
                "patrolPositions", "patrolTrack", "gridCoverage", "nearestPatrol", "parkingBalance", "kindergartenForecast", "eligibleNotEnrolled elderly-card", "eligibleNotEnrolled nursing-subsidy",
                "prefillShares", "crowdDensity",
                "crowd monitor (one hour)");
        rows.values().forEach(r -> {
            assertThat(r.path("medianMs").asDouble()).isPositive();
            assertThat(r.path("baselineMs").asDouble()).isPositive();
        });
        assertThat(rows.get("patrolPositions").path("results").asInt()).as("every member has a latest position").isEqualTo(3);
        assertThat(rows.get("gridCoverage").path("results").asInt()).as("four grids per community").isEqualTo(4);
        assertThat(rows.get("crowdDensity").path("results").asInt()).as("7 days asked, but the week is cut to the buckets asked: 7 x 288").isEqualTo(7 * 288);
        assertThat(rows.get("patrolTrack").path("results").longValue()).as("a member reports every 30 s for 8 h")
                .isEqualTo(rows.get("patrolTrack").path("inputNodes").longValue()).isEqualTo(8 * 120);
        assertThat(rows.get("caseHotspots").path("inputNodes").asLong()).isPositive();

        Run again = bench(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], "--runs", "1", "--reuse", "--json", json.toString());
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).doesNotContain("sensor data: day").doesNotContain("district:");
    }
}
