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
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.simulator.DistrictPopulation;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hub bench api} on a tiny generated district: the district is written through the real writer, both engines
 * answer every query alike, the report has a row per query, client count and engine, a second run reuses the graph,
 * a graph holding other data is refused, and the bulk loader creates the graph the record writer creates. No timed assertion: the figures only have to be there.
 */
class BenchApiCommandTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", dir.toString());
        env.put("HUB_SOURCES_DIR", Path.of(root == null ? ".." : root).resolve("config/sources").toString());
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        return env;
    }

    private record Run(int exit, String out) {
    }

    private Run bench(String... args) throws Exception {
        BenchApiCommand command = new BenchApiCommand();
        new CommandLine(command).parseArgs(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.env = env();
        command.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = command.call();
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void measuresGraphqlAndCypherSideBySideOnATinyDistrict() throws Exception {
        TestNeo4j.clear();
        Path json = dir.resolve("report.json");
        String[] args = {"--persons", "500", "--clients", "1,2", "--requests", "6", "--warmup", "2", "--verify", "25",
                "--json", json.toString()};
        Run first = bench(args);

        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("writing the district", "bulk loader", "person360", "community", "p99 GraphQL/Cypher");
        JsonNode report = Jsonl.JSON.readTree(json.toFile());
        assertThat(report.path("district").path("residents").asInt()).isBetween(480, 500);
        assertThat(report.path("district").path("reused").asBoolean()).isFalse();
        assertThat(report.path("rows")).hasSize(2 * 2 * 2);
        for (JsonNode row : report.path("rows")) {
            assertThat(row.path("requests").asInt()).isEqualTo(6);
            assertThat(row.path("p99Ms").asDouble()).isGreaterThanOrEqualTo(row.path("p50Ms").asDouble());
            if (row.path("engine").asText().equals("graphql")) {
                assertThat(row.path("statementsPerRequest").asDouble()).as("one statement per root field").isEqualTo(1.0);
            }
        }
        assertThat(report.path("comparisons")).hasSize(2 * 2);
        assertThat(report.path("checks")).hasSize(2);
        for (JsonNode check : report.path("checks")) {
            assertThat(check.path("compared").asInt()).isEqualTo(25);
            assertThat(check.path("matched").asInt()).as(check.toString()).isEqualTo(25);
            assertThat(check.path("found").asInt()).as("keys come from the generated district").isEqualTo(25);
            assertThat(check.path("statementsPerRequestMax").asInt()).isEqualTo(1);
        }

        Run again = bench(args);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).as("a graph holding the district is written through the writer: nothing new")
                .contains("written by the record writer").contains("(0 new)");
        Run reused = bench(concat(args, "--reuse"));
        assertThat(reused.exit()).isZero();
        assertThat(reused.out()).contains("reusing the district").doesNotContain("writing the district");
        assertThat(Jsonl.JSON.readTree(json.toFile()).path("district").path("reused").asBoolean()).isTrue();
    }

    @Test
    void theBulkLoaderCreatesTheGraphTheRecordWriterCreates() throws Exception {
        Ontology o = Ontology.bundled();
        DistrictPopulation district = DistrictPopulation.generate(3, 120, SiloGenerator.DEFAULT_REFERENCE_DATE);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TestNeo4j.clear();
        new BenchDistrict(TestNeo4j.driver(), o, district, 3).write(50, 2, false, quiet);
        GraphFingerprint viaWriter = GraphFingerprint.of(TestNeo4j.driver());
        TestNeo4j.clear();
        new BenchDistrict(TestNeo4j.driver(), o, district, 3).write(50, 2, true, quiet);
        GraphFingerprint viaBulk = GraphFingerprint.of(TestNeo4j.driver());

        assertThat(viaBulk.nodesByLabel).isEqualTo(viaWriter.nodesByLabel);
        assertThat(viaBulk.relationshipsByType).isEqualTo(viaWriter.relationshipsByType);
        assertThat(viaWriter.nodesByLabel.get("Person")).isEqualTo((long) district.residents().size());
        assertThat(viaWriter.differences(viaBulk, 10)).isEmpty();
    }

    @Test
    void refusesAGraphThatHoldsOtherData() throws Exception {
        TestNeo4j.clear();
        try (var s = TestNeo4j.driver().session()) {
            s.executeWrite(tx -> tx.run("CREATE (:Person {idNumber: '110102199001010011', name: '原有'})").consume());
        }
        Run r = bench("--persons", "50", "--clients", "1", "--requests", "1", "--json", dir.resolve("r.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        try (var s = TestNeo4j.driver().session()) {
            assertThat(s.run("MATCH (n) RETURN count(n) AS c").single().get("c").asLong()).isEqualTo(1);
        }
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
