package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jiedao.hub.api.auth.ApiKeyFile;
import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;

/**
 * The graph explorer at {@code /explore/} in a real browser: headless Chromium from Debian's packages
 * ({@code /usr/bin/chromium}), driven by playwright-core ({@code explorer/e2e/explore.e2e.mjs}, installed by the
 * explorer module's {@code npm ci}), against the whole hub with 600 generated residents and a community whose address
 * register holds 5,000 addresses. Three scenarios, one browser run each:
 * <ul>
 * <li>analyst (admin key): full-width ID search, household and vehicles, a value's provenance with its department,
 *     the shortest path to her case, her timeline, a saved view reopened after a reload, CSV and PNG exports (each
 *     in the audit trail before the file is saved), English;</li>
 * <li>caseworker (an API key of role caseworker for one community): her resident's ID number is shown masked and never
 *     in clear, her household still expands, a resident of another community is not found;</li>
 * <li>supernode: the 5,000 addresses come 20 per click ("20 / 5,000"), and the page answers input meanwhile; the
 *     community, which has coordinates, is on the map view; the type filter, hide and unhide all, pin and collapse
 *     change what the canvas shows.</li>
 * </ul>
 * Screenshots of every step are kept in {@code app/target/explorer-screenshots/}. Without Node.js or Chromium the test
 * is skipped loudly, or fails under {@code CI=true} (scripts/install-chromium.sh installs Chromium there).
 */
class ExplorerBrowserTest {
    private static final Path EXPLORER = TestHubs.repoRoot().resolve("explorer").toAbsolutePath().normalize();
    private static final Path SHOTS = Path.of("target", "explorer-screenshots").toAbsolutePath();
    private static final int SUPERNODE_ADDRESSES = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static Hub hub;
    private static String community;
    private static String communityName;

    @BeforeAll
    static void start() throws Exception {
        requireBrowser();
        if (Files.isDirectory(SHOTS)) { // screenshots of an earlier run must not pass for this one's
            try (var old = Files.list(SHOTS)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        TestNeo4j.clear();
        HubSettings settings = TestHubs.settings(dataDir);
        SiloGenerator.Options.builder().persons(600).generator().generate(settings.silosDir());
        hub = Hub.start(settings);
        assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
        List<String> biggest = one(hub.neo4j().driver(), """
                MATCH (p:Person)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->(c:Community) WHERE c.name IS NOT NULL
                RETURN c.code AS code, c.name AS name, count(DISTINCT p) AS n ORDER BY n DESC, code LIMIT 1""", Map.of(), "code", "name");
        community = biggest.get(0);
        communityName = biggest.get(1);
        writeAddressRegister(settings.silosDir().resolve("addresses"), community);
        awaitAddresses(hub.neo4j().driver(), community, Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void anAnalystFindsExploresExplainsSavesAndExportsAResident() throws Exception {
        Driver driver = hub.neo4j().driver();
        String idNumber = ExampleQuery.find(driver).orElseThrow();
        String caseNumber = one(driver, "MATCH (c:Case)-[:REPORTED_BY]->(:Person {idNumber: $id}) RETURN c.caseNumber AS n ORDER BY n LIMIT 1",
                Map.of("id", idNumber), "n").getFirst();
        JsonNode result = browser("analyst", AdminKey.of(hub), null, Map.of("EXPLORER_ID_NUMBER", idNumber, "EXPLORER_CASE_NUMBER", caseNumber));
        assertThat(result.path("steps").findValuesAsText("name")).containsExactly("login", "search-full-width-id", "open-person",
                "expand-household", "expand-vehicles", "value-provenance", "path-to-case", "timeline", "save-and-reopen-view",
                "export-csv", "export-png", "english");
        assertThat(result.path("pathLength").asInt()).isBetween(1, 6);
        try (var shots = Files.list(SHOTS)) {
            assertThat(shots.map(p -> p.getFileName().toString()).toList()).contains("analyst-03-open-person.png",
                    "analyst-07-path-to-case.png", "analyst-06-value-provenance.png");
        }
        String audit = auditText();
        assertThat(audit).as("both exports are in the audit trail").contains("\"operation\":\"csv\"").contains("\"operation\":\"png\"")
                .contains("recordExport");
    }

    @Test
    void aCaseworkerSeesMaskedIdNumbersAndNoResidentOutsideHerCommunity() throws Exception {
        Driver driver = hub.neo4j().driver();
        String own = one(driver, """
                MATCH (p:Person)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->(:Community {code: $c})
                WHERE p.idNumber IS NOT NULL AND EXISTS { (p)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(o:Person) WHERE o <> p }
                RETURN p.idNumber AS id ORDER BY id LIMIT 1""", Map.of("c", community), "id").getFirst();
        String other = one(driver, """
                MATCH (p:Person)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->(c:Community) WHERE c.code <> $c AND p.idNumber IS NOT NULL
                  AND NOT EXISTS { (p)-[:RESIDES_AT]->(:Address)-[:IN_COMMUNITY]->(:Community {code: $c}) }
                RETURN p.idNumber AS id ORDER BY id LIMIT 1""", Map.of("c", community), "id").getFirst();
        String key = ApiKeyFile.createKey(dataDir.resolve("secrets").resolve("api-keys.yaml"), "e2e-caseworker", "caseworker",
                Map.of("communities", List.of(community)));
        JsonNode result = browser("caseworker", key, "case-handling", Map.of("EXPLORER_ID_NUMBER", own, "EXPLORER_OTHER_ID_NUMBER", other));
        assertThat(result.path("steps").findValuesAsText("name")).containsExactly("login", "search-her-resident", "open-masked",
                "expand-household", "other-community-not-found");
    }

    @Test
    void aCommunityWithFiveThousandAddressesIsExpandedTwentyAtATime() throws Exception {
        JsonNode result = browser("supernode", AdminKey.of(hub), null, Map.of("EXPLORER_SUPERNODE", communityName));
        assertThat(result.path("total").asInt()).isGreaterThanOrEqualTo(SUPERNODE_ADDRESSES);
        assertThat(result.path("steps").findValuesAsText("name")).containsExactly("login", "open-community", "page-1", "page-2", "page-3", "map", "arrange");
        assertThat(result.path("places").asInt()).as("places on the map").isGreaterThanOrEqualTo(1);
    }

    /** Runs one scenario of the e2e script; returns its JSON result line, failing with its stderr on a non-zero exit. */
    private static JsonNode browser(String scenario, String credential, String purpose, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/explore.e2e.mjs", "http://127.0.0.1:" + hub.api().port(), scenario,
                SHOTS.toString()).directory(EXPLORER.toFile());
        pb.environment().put("EXPLORER_CREDENTIAL", credential);
        if (purpose != null) {
            pb.environment().put("EXPLORER_PURPOSE", purpose);
        }
        pb.environment().putAll(env);
        Run run = run(pb, 240);
        assertThat(run.exit()).as("explorer e2e %s: %s", scenario, run.err()).isZero();
        return JSON.readTree(run.out().lines().reduce((a, b) -> b).orElse("{}"));
    }

    /**
     * Writes the standard address register (config/sources/addresses.yaml) with {@value #SUPERNODE_ADDRESSES} door
     * addresses of one community: 50 house numbers, 10 buildings each, 10 flats per building.
     */
    private static void writeAddressRegister(Path dir, String communityCode) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>(List.of("标准地址,社区代码,楼栋编码,网格编码"));
        for (int n = 1; n <= 50; n++) {
            for (int b = 1; b <= 10; b++) {
                for (int r = 1; r <= 10; r++) {
                    lines.add("测试大街%d号%d号楼1单元%d,%s,E2E-%d-%d,%s01".formatted(n, b, 100 + r, communityCode, n, b, communityCode));
                }
            }
        }
        Path tmp = dir.resolve("register.csv.tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("register.csv"));
    }

    private static void awaitAddresses(Driver driver, String communityCode, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long n = 0;
        while (System.nanoTime() < deadline) {
            n = Long.parseLong(one(driver, "MATCH (:Address)-[:IN_COMMUNITY]->(:Community {code: $c}) RETURN count(*) AS n",
                    Map.of("c", communityCode), "n").getFirst());
            if (n >= SUPERNODE_ADDRESSES) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the address register was not loaded within " + timeout + ": " + n + " addresses");
    }

    private static List<String> one(Driver driver, String cypher, Map<String, Object> params, String... columns) {
        try (var session = driver.session()) {
            List<List<String>> rows = session.executeRead(tx -> tx.run(cypher, params).list(r -> {
                List<String> row = new ArrayList<>();
                for (String c : columns) {
                    row.add(r.get(c).isNull() ? null : r.get(c).asObject().toString());
                }
                return row;
            }));
            assertThat(rows).as(cypher).isNotEmpty();
            return rows.getFirst();
        }
    }

    private static String auditText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir.resolve("audit"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                text.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
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
