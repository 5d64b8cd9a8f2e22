package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hub bench ingest} on a small input: all three passes run through the real mapping and writer, the numbers
 * add up, and the benchmark leaves the graph as it found it, including data that was there before ({@code --force}).
 */
class IngestBenchmarkTest {
    @TempDir
    Path work;

    private static Path sources() {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        return Path.of(root == null ? ".." : root).resolve("config/sources");
    }

    private static long count(String cypher) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    @Test
    void measuresAllPassesAndRemovesOnlyWhatItWrote() throws Exception {
        TestNeo4j.clear();
        IngestBenchmark bench = new IngestBenchmark(TestNeo4j.driver(), sources());
        assertThat(bench.existingNodes()).isZero();
        try (var s = TestNeo4j.driver().session()) {
            s.executeWrite(tx -> tx.run("CREATE (:Person {idNumber: $id, name: '原有'})", Map.of("id", "110102199001010011")).consume());
        }
        assertThat(bench.existingNodes()).isEqualTo(1);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        IngestBenchmark.Result r = bench.run(300, 64, work, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(r.rows()).isGreaterThanOrEqualTo(300);
        assertThat(r.written() + r.quarantined()).isEqualTo(r.rows());
        assertThat(r.written()).isGreaterThan(r.rows() * 8L / 10);
        assertThat(r.hubPerSecond()).isPositive();
        assertThat(r.rerunPerSecond()).isPositive();
        assertThat(r.plainPerSecond()).isPositive();
        assertThat(r.ratio()).isEqualTo(r.hubPerSecond() / r.plainPerSecond());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("warm-up", "re-run", "CREATE");
        // what was there before stays, everything the benchmark wrote is gone
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(1);
        assertThat(count("MATCH (p:Person {name: '原有'}) RETURN count(p)")).isEqualTo(1);
    }
}
