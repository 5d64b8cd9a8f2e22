package org.jiedao.hub.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jiedao.hub.simulator.GeneratedSilos;
import org.jiedao.hub.simulator.SiloGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub generate}: writes the departmental sample silos (deterministic for a seed). */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate the sample departmental silos of 西长安街街道 (deterministic per seed).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", description = "output directory (default: $HUB_DATA_DIR/silos)")
    Path out;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = SiloGenerator.DEFAULT_SEED;

    @Option(names = "--persons", description = "number of residents (default: ${DEFAULT-VALUE})")
    int persons = SiloGenerator.DEFAULT_PERSONS;

    @Option(names = "--vehicles-jdbc-url", description = "JDBC URL for the vehicle registry: H2, PostgreSQL (jdbc:postgresql://host:5432/db) or MariaDB (jdbc:mariadb://host:3306/db); default: H2 file under the output directory")
    String jdbcUrl;

    @Option(names = "--vehicles-jdbc-user", description = "JDBC user (default: sa for H2)")
    String jdbcUser;

    @Option(names = "--vehicles-jdbc-password", description = "JDBC password (default: empty)")
    String jdbcPassword = "";

    @Option(names = "--parking-days", description = "days of hourly parking occupancy readings (default: ${DEFAULT-VALUE})")
    int parkingDays = 7;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : HubSettings.fromEnvironment(System.getenv()).silosDir();
        SiloGenerator generator = SiloGenerator.Options.builder().seed(seed).persons(persons).generator()
                .withParkingDays(parkingDays);
        GeneratedSilos silos = jdbcUrl == null ? generator.generate(dir)
                : generator.generate(dir, jdbcUrl, jdbcUser == null ? "" : jdbcUser, jdbcPassword);
        Silos.describe(silos, System.out);
        return 0;
    }
}
