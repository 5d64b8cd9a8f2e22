package org.jiedao.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vehicle registry written to MariaDB holds exactly the rows written to H2, Chinese text and update times
 * included, even in a database whose default character set is latin1. Creates and drops its own database. Skipped,
 * loudly, when MariaDB is not reachable at 127.0.0.1:3306 (user root, no password) — except under {@code CI=true},
 * where that is a failure.
 */
class MariaDbVehicleRegistryTest {
    private static final String SERVER = System.getProperty("simulator.test.mariadb", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String USER = "root";

    @TempDir
    Path tmp;

    @Test
    void vehicleRegistryOnMariaDbMatchesH2() throws Exception {
        requireMariaDb();
        String db = "sim_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + db + " CHARACTER SET latin1");
        try {
            SiloGenerator g = SiloGenerator.Options.builder().persons(600).generator();
            GeneratedSilos maria = g.generate(tmp.resolve("maria"), SERVER + db, USER, "");
            maria = g.generate(tmp.resolve("maria"), SERVER + db, USER, ""); // a second run drops and re-creates it
            GeneratedSilos h2 = g.generate(tmp.resolve("h2"));

            List<Map<String, String>> mariaRows = SiloGeneratorTest.readVehicles(maria.vehicleJdbcUrl(), USER, "");
            List<Map<String, String>> h2Rows = SiloGeneratorTest.readVehicles(h2.vehicleJdbcUrl(), "sa", "");
            assertThat(mariaRows).hasSize(maria.vehicles().records()).isNotEmpty();
            assertThat(mariaRows).isEqualTo(h2Rows);
            assertThat(maria.vehicles()).isEqualTo(h2.vehicles());
        } finally {
            execute("DROP DATABASE IF EXISTS " + db);
        }
    }

    private static void requireMariaDb() {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "")) {
            assertThat(c.isValid(5)).isTrue();
        } catch (SQLException e) {
            String reason = "MariaDB is not reachable at " + SERVER + " as user " + USER + " (" + e.getMessage()
                    + "): the MariaDB vehicle-registry test did NOT run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + reason, e);
            }
            System.err.println("*** SKIPPED: " + reason + " ***");
            Assumptions.abort(reason);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
