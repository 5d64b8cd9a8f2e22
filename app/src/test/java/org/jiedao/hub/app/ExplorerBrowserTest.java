package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph explorer at {@code /explore/} in a real browser: headless Chromium from Debian's packages
 * ({@code /usr/bin/chromium}), driven by playwright-core ({@code explorer/e2e/explore.e2e.mjs}, installed by the
 * explorer module's {@code npm ci}), against the whole hub with generated silos. As the admin it logs in, searches the
 * ID number of a resident who is in all three silos written with full-width digits, opens her, expands her household
 * and vehicles, and opens her source records, which must name the three silos. Screenshots of every step are kept in
 * {@code app/target/explorer-screenshots/}. Without Node.js or Chromium the test is skipped loudly, or fails under
 * {@code CI=true} (scripts/install-chromium.sh installs Chromium there).
 */
class ExplorerBrowserTest {
    private static final Path EXPLORER = TestHubs.repoRoot().resolve("explorer").toAbsolutePath().normalize();
    private static final Path SHOTS = Path.of("target", "explorer-screenshots").toAbsolutePath();

    @TempDir
    Path dataDir;

    @Test
    void anAnalystFindsAResidentByAFullWidthIdNumberAndExploresHerHouseholdVehiclesAndSources() throws Exception {
        requireBrowser();
        if (Files.isDirectory(SHOTS)) { // screenshots of an earlier run must not pass for this one's
            try (var old = Files.list(SHOTS)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        TestNeo4j.clear();
        SiloGenerator.Options.builder().persons(600).generator().generate(TestHubs.settings(dataDir).silosDir());
        try (Hub hub = Hub.start(TestHubs.settings(dataDir))) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
            String idNumber = ExampleQuery.find(hub.neo4j().driver()).orElseThrow();
            ProcessBuilder pb = new ProcessBuilder("node", "e2e/explore.e2e.mjs", "http://127.0.0.1:" + hub.api().port(),
                    "-", "-", SHOTS.toString()).directory(EXPLORER.toFile());
            pb.environment().put("EXPLORER_CREDENTIAL", AdminKey.of(hub));
            pb.environment().put("EXPLORER_ID_NUMBER", idNumber);
            Run run = run(pb, 180);
            assertThat(run.exit()).as("explorer e2e: %s", run.err()).isZero();
            JsonNode result = new ObjectMapper().readTree(run.out().lines().reduce((a, b) -> b).orElse("{}"));
            assertThat(result.path("steps").findValuesAsText("name")).containsExactly("login", "search-full-width-id",
                    "open-person", "expand-household", "expand-vehicles", "open-provenance", "english");
            try (var shots = Files.list(SHOTS)) {
                assertThat(shots.map(p -> p.getFileName().toString()).toList()).contains("03-open-person.png", "06-open-provenance.png");
            }
        }
    }

    private static void requireBrowser() {
        String why = null;
        if (!Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))) {
            why = "Chromium is not installed (apt-get install chromium; scripts/install-chromium.sh does it under CI)";
        } else if (!Files.isDirectory(EXPLORER.resolve("node_modules").resolve("playwright-core"))) {
            why = "playwright-core is not installed in " + EXPLORER + " (the explorer module's npm ci installs it)";
        } else {
            try {
                if (run(new ProcessBuilder("node", "--version"), 30).exit() != 0) {
                    why = "node --version failed";
                }
            } catch (IOException e) {
                why = "Node.js is not installed (node not found on PATH)";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "interrupted";
            }
        }
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("the explorer's browser test needs " + why);
            }
            Assumptions.abort("SKIPPED LOUDLY: the explorer's browser test needs a browser: " + why);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(ProcessBuilder pb, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("explorer", ".out");
        Path err = Files.createTempFile("explorer", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", pb.command()) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
