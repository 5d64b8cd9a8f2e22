package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jiedao.hub.graph.testing.TestNeo4j;
import org.jiedao.hub.simulator.GeneratedSilos;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hub status} against a graph the hub wrote: the generated silos are loaded by a running hub (which records
 * its runs and the vehicle watermark), then rows and a file arrive while it is stopped, and the command shows each
 * source's last run and the backlog waiting for the next start.
 */
class StatusCommandTest {
    @TempDir
    Path dataDir;

    private Map<String, String> env() {
        String root = System.getenv("JIEDAO_REPO_ROOT");
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DATA_DIR", dataDir.toString());
        env.put("HUB_SOURCES_DIR", Path.of(root == null ? ".." : root).resolve("config/sources").toString());
        env.put("HUB_HTTP_PORT", "0");
        env.put("NEO4J_URI", TestNeo4j.boltUri().toString());
        return env;
    }

    @Test
    void showsEachSourcesLastRunAndItsBacklog() throws Exception {
        TestNeo4j.clear();
        GeneratedSilos silos = SiloGenerator.Options.builder().persons(150).generator().generate(dataDir.resolve("silos"));
        try (Hub hub = Hub.start(HubSettings.fromEnvironment(env()))) {
            assertThat(hub.routes().awaitInitialLoad(Duration.ofMinutes(3))).isTrue();
        }
        // while the hub is stopped: two rows updated after the watermark, one new registry file
        try (Connection c = DriverManager.getConnection(silos.vehicleJdbcUrl(), "sa", "");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE vehicle_registration SET updated_at = TIMESTAMP '2099-01-01 00:00:00' "
                    + "WHERE record_id IN (20000001, 20000002)")).isEqualTo(2);
        }
        Files.copy(dataDir.resolve("silos/hukou/.done").toFile().listFiles()[0].toPath(),
                dataDir.resolve("silos/hukou/again.csv"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusCommand command = new StatusCommand();
        new CommandLine(command).parseArgs();
        command.env = env();
        command.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(command.call()).isZero();
        String report = out.toString(StandardCharsets.UTF_8);

        long declared;
        try (var defs = Files.list(Path.of(env().get("HUB_SOURCES_DIR")))) {
            declared = defs.filter(f -> f.toString().endsWith(".yaml")).count();
        }
        assertThat(report).contains(declared + " source(s)");
        assertThat(block(report, "civilaffairs (file)")).contains("backlog: 0 file(s) waiting");
        String hukou = block(report, "hukou (file)");
        assertThat(hukou).contains("last run: ended ")
                .contains(silos.hukouCsv().getFileName() + ": read %d, written %d, unchanged 0, quarantined %d".formatted(
                        silos.hukou().records(), silos.hukou().expectedWritten(), silos.hukou().expectedQuarantined()))
                .contains("backlog: 1 file(s) waiting");
        String vehicles = block(report, "vehicles (jdbc)");
        assertThat(vehicles).contains("watermark: updated_at=").contains("backlog: 2 row(s) after the watermark");
        assertThat(block(report, "hotline12345 (file)")).contains("backlog: 0 file(s) waiting").doesNotContain("last run: none");
    }

    /** The lines of one source's entry. */
    private static String block(String report, String head) {
        int from = report.indexOf(head);
        assertThat(from).as("%s in%n%s", head, report).isNotNegative();
        int to = report.indexOf("\n\n", from);
        return report.substring(from, to < 0 ? report.length() : to);
    }
}
