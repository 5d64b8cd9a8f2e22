package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of issue 4: the hub, a child JVM ({@code HubCli serve}) against the shared test Neo4j, is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) at random moments while it loads a generated silo (household registry
 * CSV, hotline JSON files, vehicle registry table), restarted, killed again, and finally left to finish. The graph
 * must then equal, by {@link GraphFingerprint}, the graph of one uninterrupted load of an identical silo; every input
 * file must have ended in {@code .done/} exactly once, none in {@code .failed/}, none left behind, and the
 * quarantine must hold the same records.
 *
 * <p>System properties: {@code crash.seed} (the random delays; printed), {@code crash.kills} (default 10),
 * {@code crash.persons} (residents generated, default 4000; the documented full run uses 20000, see README
 * "Reliability").
 */
@Tag("slow")
class CrashRecoveryTest {
    @TempDir
    Path root;

    private static Path repoRoot() {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        return Path.of(root == null ? ".." : root).toAbsolutePath().normalize();
    }

    private static Map<String, String> env(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        // entity resolution runs once the load is complete (resolveToTheEnd), not on the hub's timer: its decisions
        // depend on what is loaded when it runs, and this test compares ingestion, not timing
        env.put(ResolutionConfig.ENV, resolutionConfig(dataDir).toString());
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_SOURCES_DIR", repoRoot().resolve("config/sources").toString());
        env.put("HUB_HTTP_PORT", "0");
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        return env;
    }

    /** The bundled resolution settings with a timer that never fires during the test. */
    private static Path resolutionConfig(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            String bundled;
            try (var in = ResolutionConfig.class.getResourceAsStream("resolution.yaml")) {
                bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            Path file = dataDir.resolve("resolution-test.yaml");
            Files.writeString(file, bundled.replaceFirst("(?m)^interval: .*$", "interval: 24h"));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Resolves the provisional persons of the complete load, until nothing is left to decide. */
    private static void resolveToTheEnd(Path dataDir) {
        try (ResolutionSetup setup = ResolutionSetup.create(TestNeo4j.driver(), org.jiedao.hub.ontology.Ontology.bundled(),
                ResolutionConfig.load(env(dataDir)))) {
            while (setup.resolution().resolvePending().pending() > 0) {
                // a merge changes the persons, so those that matched nothing are compared once more
            }
        }
    }

    /** Loads everything in-process until the sources are caught up, and returns how long it took. */
    private static Duration loadToCompletion(Path dataDir) throws Exception {
        long start = System.nanoTime();
        try (Hub hub = Hub.start(HubSettings.fromEnvironment(env(dataDir)))) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(20))).as("load finished").isTrue();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static long count(String cypher) {
        try (var s = TestNeo4j.driver().session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    /** Input files by silo folder: {@code hukou/hukou_registry.csv} etc., and archived copies by folder. */
    private static Map<String, List<String>> files(Path silos, String sub) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String dir : List.of("hukou", SiloGenerator.HOTLINE_DIR)) {
            Path d = sub.isEmpty() ? silos.resolve(dir) : silos.resolve(dir).resolve(sub);
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()
                            .replaceFirst("\\.\\d{8}-\\d{9}\\.", ".")).sorted().forEach(names::add);
                }
            }
            out.put(dir, names);
        }
        return out;
    }

    @Test
    void aHubKilledAtRandomMomentsEndsWithTheGraphOfAnUninterruptedLoad() throws Exception {
        long seed = Long.getLong("crash.seed", new Random().nextLong());
        int kills = Integer.getInteger("crash.kills", 10);
        int persons = Integer.getInteger("crash.persons", 4000);
        System.out.printf("CrashRecoveryTest: seed %d (-Dcrash.seed=%d to repeat), %d kills, %d persons%n", seed, seed, kills, persons);
        Random random = new Random(seed);
        SiloGenerator generator = SiloGenerator.Options.builder().persons(persons).generator();

        // the reference: one uninterrupted load
        Path reference = root.resolve("reference");
        generator.generate(reference.resolve("silos"));
        Map<String, List<String>> inputs = files(reference.resolve("silos"), "");
        TestNeo4j.clear();
        Duration referenceTime = loadToCompletion(reference);
        resolveToTheEnd(reference);
        GraphFingerprint expected = GraphFingerprint.of(TestNeo4j.driver());
        long expectedQuarantine = count("MATCH (q:QuarantinedRecord) RETURN count(q)");
        assertThat(files(reference.resolve("silos"), ".done")).isEqualTo(inputs);
        System.out.printf("CrashRecoveryTest: reference load %d s, %s, %d quarantined%n", referenceTime.toSeconds(),
                expected.nodesByLabel, expectedQuarantine);

        // the same silo, loaded by a hub that is killed again and again
        Path crashed = root.resolve("crashed");
        generator.generate(crashed.resolve("silos"));
        TestNeo4j.clear();
        int killedWhileLoading = 0;
        for (int k = 1; k <= kills; k++) {
            ChildHub hub = ChildHub.start(env(crashed));
            // every fifth kill falls in the start-up (schema, reference data, routes starting), the others in the
            // load; each restart resumes the load (committed batches are skipped as unchanged), so delays of up to
            // 1.5/kills of a whole load after the routes started put most kills inside the load
            boolean early = k % 5 == 1;
            boolean up = early ? hub.awaitConnected(Duration.ofMinutes(3)) : hub.awaitServing(Duration.ofMinutes(3));
            long delay = early ? random.nextLong(3_000)
                    : (long) (random.nextDouble() * 1.5 * referenceTime.toMillis() / kills);
            Thread.sleep(delay);
            boolean loading = !files(crashed.resolve("silos"), "").values().stream().allMatch(List::isEmpty);
            hub.kill();
            killedWhileLoading += loading ? 1 : 0;
            System.out.printf("CrashRecoveryTest: kill %d at %s + %d ms (%s), SourceRecords %d%n", k,
                    !up ? "timeout" : early ? "Neo4j connected" : "routes started", delay, loading ? "files pending" : "files done",
                    count("MATCH (r:SourceRecord) RETURN count(r)"));
        }
        loadToCompletion(crashed);
        resolveToTheEnd(crashed);
        GraphFingerprint actual = GraphFingerprint.of(TestNeo4j.driver());

        assertThat(killedWhileLoading).as("kills that interrupted the load").isGreaterThanOrEqualTo(Math.min(kills, 3));
        assertThat(files(crashed.resolve("silos"), "")).as("files left behind")
                .allSatisfy((dir, names) -> assertThat(names).isEmpty());
        assertThat(files(crashed.resolve("silos"), ".failed")).as("files failed")
                .allSatisfy((dir, names) -> assertThat(names).isEmpty());
        assertThat(files(crashed.resolve("silos"), ".done")).as("each input file done exactly once").isEqualTo(inputs);
        assertThat(count("MATCH (q:QuarantinedRecord) RETURN count(q)")).as("quarantined").isEqualTo(expectedQuarantine);
        assertThat(actual.nodesByLabel).as("nodes by label").isEqualTo(expected.nodesByLabel);
        assertThat(actual.relationshipsByType).as("relationships by type").isEqualTo(expected.relationshipsByType);
        assertThat(expected.differences(actual, 20)).as("differences from the uninterrupted load").isEmpty();
    }

    /** {@code hub serve} in a child JVM with this test's classpath; its output is copied to ours, prefixed. */
    private static final class ChildHub {
        private final Process process;
        private final CountDownLatch connected = new CountDownLatch(1);
        private final CountDownLatch serving = new CountDownLatch(1);

        private ChildHub(Process process) {
            this.process = process;
        }

        static ChildHub start(Map<String, String> env) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    HubCli.class.getName(), "serve").redirectErrorStream(true);
            pb.environment().putAll(env);
            ChildHub child = new ChildHub(pb.start());
            Thread.ofVirtual().start(child::pump);
            return child;
        }

        private void pump() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains("connected to Neo4j")) {
                        connected.countDown();
                    }
                    if (line.startsWith("serving:")) {
                        serving.countDown();
                    }
                    if (line.contains("WARN") || line.contains("ERROR") || line.contains("Exception")) {
                        System.out.println("  [hub] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }

        boolean awaitConnected(Duration timeout) throws InterruptedException {
            return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean awaitServing(Duration timeout) throws InterruptedException {
            return serving.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed or closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("killed hub exited").isTrue();
        }
    }
}
