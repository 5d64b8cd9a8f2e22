package org.jiedao.hub.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jiedao.hub.loaders.reference.DivisionCodes;
import org.jiedao.hub.simulator.Population.Household;
import org.jiedao.hub.simulator.Population.Person;

/**
 * Generates, deterministically from a seed, the residents of one sub-district (by default 西长安街街道, 西城区,
 * Beijing, division code 110102001) and renders them as three departmental data silos, each in its own format
 * and with its own dirt:
 * <ol>
 *   <li>the household registry (户籍): {@code <outDir>/hukou/hukou_registry.csv}, GBK, CRLF, header
 *       {@code 户号,姓名,性别,民族,出生日期,公民身份号码,与户主关系,住址,社区代码}; ID numbers partly in the old
 *       15-digit form, partly with full-width digits or a lower-case {@code x}; dates in three written forms;</li>
 *   <li>the motor-vehicle registry: table {@code vehicle_registration} (dropped and created) in any JDBC database
 *       (H2 by default, PostgreSQL), plates in the forms {@code 京A·12345}, {@code 京A 12345}, {@code 京A12345},
 *       {@code 京a12345};</li>
 *   <li>12345 hotline cases: {@code <outDir>/hotline12345/cases_2025.json} and {@code cases_2026.json}, UTF-8
 *       JSON arrays; the caller's address written differently from the registry's;</li>
 *   <li>the civil-affairs register of disability certificates (民政 残疾人证): {@value #CIVIL_AFFAIRS_FILE}, an Excel
 *       workbook with ID numbers partly typed as numbers (see {@link CivilAffairsSilo});</li>
 *   <li>the grid register, the standard address register, the parking-lot register and a week of hourly parking
 *       occupancy readings, with {@value #PARKING_TRUTH_FILE} (see {@link ParkingSilo}).</li>
 *   <li>for the kindergarten forecast: the registry's dated log of children's registration changes
 *       ({@code hukou-moves/hukou_moves.csv}: births, moves in and out over 11 years), the kindergarten directory
 *       ({@code kindergartens/kindergartens.csv}) and the community centres ({@code communities/community_centres.csv}),
 *       with their ground truth {@value KindergartenTruth#FILE} (see {@code ChildRegistrations});</li>
 *   <li>the civil-affairs registers of the proactive services: elderly cards, nursing-subsidy decisions and notice
 *       opt-outs, three workbooks with their exact eligible-not-enrolled sets (see {@link ServiceRegistersSilo}).</li>
 * </ol>
 * About 1% of the records of each silo are broken on purpose (invalid ID number, impossible date, plate with
 * the letter O, missing caller ID); {@code <outDir>/ground_truth.csv} lists every record with the outcome a
 * correct loader must reach ({@code written} or {@code quarantined}) and the canonical ID number of the person it
 * is about.
 *
 * <p>The same options give byte-identical files and identical table rows: all randomness comes from
 * {@code L64X128MixRandom} generators seeded from {@link Options#seed()}, and no wall-clock time is used.
 * Geography (communities, division codes) is real (NBS 2023 codes, see
 * {@link org.jiedao.hub.loaders.reference.DivisionCodes}); surnames follow their real frequency; everything
 * else, including every person, is invented.
 *
 * <p>Instances are immutable and may be shared; {@code generate} may run concurrently for different output
 * directories and databases.
 */
public final class SiloGenerator {

    /** Default seed: 2026-11-29 written as a number. */
    public static final long DEFAULT_SEED = 20261129L;
    /** Default population size. */
    public static final int DEFAULT_PERSONS = 3000;
    /** Default sub-district: 西长安街街道 of 西城区. */
    public static final String DEFAULT_SUBDISTRICT = "110102001";
    /** Default reference date ("today" of the simulated world). */
    public static final LocalDate DEFAULT_REFERENCE_DATE = LocalDate.of(2026, 11, 1);
    /** User name of the default H2 database. */
    public static final String H2_USER = "sa";
    /** Password of the default H2 database. */
    public static final String H2_PASSWORD = "";

    /** The household registry file, relative to the output directory. */
    public static final String HUKOU_FILE = "hukou/hukou_registry.csv";
    /** The hotline directory, relative to the output directory. */
    public static final String HOTLINE_DIR = "hotline12345";
    /** The civil-affairs register of disability certificates (xlsx), relative to the output directory. */
    public static final String CIVIL_AFFAIRS_FILE = CivilAffairsSilo.FILE;
    /** The parking truth (grids, resident vehicles, supply, occupancy, the constructed short grid), relative to the output directory. */
    public static final String PARKING_TRUTH_FILE = ParkingSilo.TRUTH_FILE;
    /** The ground-truth file, relative to the output directory. */
    public static final String GROUND_TRUTH_FILE = "ground_truth.csv";
    /** The vehicle table name. */
    public static final String VEHICLE_TABLE = VehicleSilo.TABLE;

    private final Options options;
    private final int parkingDays;

    /**
     * Options of a run.
     *
     * @param seed            the seed of all randomness
     * @param persons         the number of persons to simulate (at least 2: the first household always has 2 or
     *                        more members, so that {@link GeneratedSilos#examplePerson()} exists)
     * @param subdistrictCode the 9-digit code of the sub-district (a {@code street} of
     *                        {@link DivisionCodes#xicheng()}); its communities host the households
     * @param referenceDate   "today" of the simulated world: ages, the last hotline day (exclusive) and the latest
     *                        registration date derive from it; must be after 2025-01-01. Keep it no later than the
     *                        real date: ID numbers with a future birth date are invalid.
     */
    public record Options(long seed, int persons, String subdistrictCode, LocalDate referenceDate) {

        /**
         * Validates the options.
         *
         * @param seed            the seed
         * @param persons         the number of persons
         * @param subdistrictCode the sub-district code
         * @param referenceDate   the reference date
         * @throws IllegalArgumentException if {@code persons < 2}, the code is not 9 digits, or the date is not
         *                                  after 2025-01-01
         */
        public Options {
            Objects.requireNonNull(subdistrictCode, "subdistrictCode");
            Objects.requireNonNull(referenceDate, "referenceDate");
            if (persons < 2) {
                throw new IllegalArgumentException("persons must be at least 2, got " + persons);
            }
            if (!subdistrictCode.matches("\\d{9}")) {
                throw new IllegalArgumentException("sub-district code must have 9 digits, got " + subdistrictCode);
            }
            if (!referenceDate.isAfter(LocalDate.of(HotlineSilo.FIRST_YEAR, 1, 1))) {
                throw new IllegalArgumentException("reference date must be after 2025-01-01, got " + referenceDate);
            }
        }

        /**
         * The defaults: seed {@value SiloGenerator#DEFAULT_SEED}, 3000 persons, 西长安街街道 (110102001),
         * reference date 2026-11-01.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(DEFAULT_SEED, DEFAULT_PERSONS, DEFAULT_SUBDISTRICT, DEFAULT_REFERENCE_DATE);
        }

        /**
         * A builder starting from {@link #defaults()}.
         *
         * @return a new builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * A builder starting from these options.
         *
         * @return a new builder
         */
        public Builder toBuilder() {
            return new Builder().seed(seed).persons(persons).subdistrictCode(subdistrictCode).referenceDate(referenceDate);
        }
    }

    /** Builds {@link Options}, starting from the defaults. Not thread-safe. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private int persons = DEFAULT_PERSONS;
        private String subdistrictCode = DEFAULT_SUBDISTRICT;
        private LocalDate referenceDate = DEFAULT_REFERENCE_DATE;

        private Builder() {
        }

        /**
         * Sets the seed.
         *
         * @param seed the seed of all randomness
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the population size.
         *
         * @param persons the number of persons, at least 2
         * @return this builder
         */
        public Builder persons(int persons) {
            this.persons = persons;
            return this;
        }

        /**
         * Sets the sub-district.
         *
         * @param subdistrictCode a 9-digit street code of {@link DivisionCodes#xicheng()}
         * @return this builder
         */
        public Builder subdistrictCode(String subdistrictCode) {
            this.subdistrictCode = subdistrictCode;
            return this;
        }

        /**
         * Sets the reference date.
         *
         * @param referenceDate "today" of the simulated world
         * @return this builder
         */
        public Builder referenceDate(LocalDate referenceDate) {
            this.referenceDate = referenceDate;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if a value is invalid (see {@link Options})
         */
        public Options build() {
            return new Options(seed, persons, subdistrictCode, referenceDate);
        }

        /**
         * Builds a generator with these options.
         *
         * @return the generator
         */
        public SiloGenerator generator() {
            return new SiloGenerator(build());
        }
    }

    /**
     * A generator with the given options.
     *
     * @param options the options
     */
    public SiloGenerator(Options options) {
        this(options, ParkingSilo.DAYS);
    }

    private SiloGenerator(Options options, int parkingDays) {
        this.options = Objects.requireNonNull(options, "options");
        this.parkingDays = parkingDays;
    }

    /**
     * The same generator with parking occupancy readings over another number of days (default
     * {@value ParkingSilo#DAYS}; a month of sensor data for a benchmark is 30). One reading per sensor lot and hour.
     *
     * @param days days of readings before the reference date, at least 1
     * @return a generator with that many days
     * @throws IllegalArgumentException if {@code days < 1}
     */
    public SiloGenerator withParkingDays(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("parking days must be at least 1, got " + days);
        }
        return new SiloGenerator(options, days);
    }

    /**
     * A generator with {@link Options#defaults()}.
     *
     * @return the generator
     */
    public static SiloGenerator withDefaults() {
        return new SiloGenerator(Options.defaults());
    }

    /**
     * The options of this generator.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    /**
     * The JDBC URL of the default vehicle database: an H2 file database
     * {@code jdbc:h2:file:<outDir>/vehicles/vehicle_registry} (absolute path), user {@value #H2_USER}, empty
     * password.
     *
     * @param outDir the output directory
     * @return the URL
     */
    public static String defaultVehicleJdbcUrl(Path outDir) {
        Path db = outDir.toAbsolutePath().normalize().resolve("vehicles").resolve("vehicle_registry");
        return "jdbc:h2:file:" + db.toString().replace('\\', '/');
    }

    /**
     * Generates the silos under {@code outDir}, the vehicle registry in the default H2 file database
     * ({@link #defaultVehicleJdbcUrl(Path)}).
     *
     * @param outDir the output directory (created if missing; files of a previous run are overwritten)
     * @return what was generated
     * @throws IOException  if a file cannot be written
     * @throws SQLException if the vehicle database cannot be written
     */
    public GeneratedSilos generate(Path outDir) throws IOException, SQLException {
        Files.createDirectories(outDir.resolve("vehicles"));
        return generate(outDir, defaultVehicleJdbcUrl(outDir), H2_USER, H2_PASSWORD);
    }

    /**
     * Generates the silos: files under {@code outDir}, the vehicle registry as table
     * {@value #VEHICLE_TABLE} in the database at {@code vehicleJdbcUrl} (dropped and created with portable SQL;
     * tested with H2 and PostgreSQL).
     *
     * @param outDir         the output directory (created if missing; files of a previous run are overwritten)
     * @param vehicleJdbcUrl the JDBC URL of the vehicle database, e.g.
     *                       {@code jdbc:postgresql://127.0.0.1:5432/registry}
     * @param user           the database user
     * @param password       the database password
     * @return what was generated
     * @throws IOException              if a file cannot be written
     * @throws SQLException             if the vehicle database cannot be written
     * @throws IllegalArgumentException if the sub-district code is not a sub-district with communities
     */
    public GeneratedSilos generate(Path outDir, String vehicleJdbcUrl, String user, String password)
            throws IOException, SQLException {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(vehicleJdbcUrl, "vehicleJdbcUrl");
        long seed = options.seed();
        LocalDate ref = options.referenceDate();

        Population pop = Population.generate(options, DivisionCodes.xicheng(), NameModel.load(),
                Rng.derive(seed, "population"));
        VehicleSilo vehicles = new VehicleSilo(Rng.derive(seed, "vehicles"), ref);
        vehicles.assign(pop);
        HotlineSilo hotline = new HotlineSilo(Rng.derive(seed, "hotline"), ref);
        hotline.assign(pop);
        String example = examplePerson(pop, vehicles, hotline);
        vehicles.number();
        hotline.number();

        GroundTruth truth = new GroundTruth();
        Path hukouCsv = outDir.resolve(HUKOU_FILE);
        int hukouBroken = HukouSilo.write(hukouCsv, pop, example, Rng.derive(seed, "hukou-dirt"), truth);
        int vehiclesBroken = vehicles.write(vehicleJdbcUrl, user, password, example, Rng.derive(seed, "vehicle-dirt"),
                truth);
        Path hotlineDir = outDir.resolve(HOTLINE_DIR);
        int hotlineBroken = hotline.write(hotlineDir, pop, example, Rng.derive(seed, "hotline-dirt"), truth);
        List<CivilAffairsSilo.Issued> certificates = new java.util.ArrayList<>();
        GeneratedSilos.Counts civilAffairs = CivilAffairsSilo.write(outDir.resolve(CIVIL_AFFAIRS_FILE), pop, example,
                truth.quarantinedPersons(HukouSilo.SOURCE), Rng.derive(seed, "civilaffairs"), truth, certificates);
        ServiceTruth services = ServiceRegistersSilo.write(outDir, pop, truth.quarantinedPersons(HukouSilo.SOURCE),
                certificates, ref, Rng.derive(seed, "service-registers"));
        ParkingSilo.write(outDir, pop, vehicles, truth, ref, parkingDays, Rng.derive(seed, "parking"));
        Path groundTruth = outDir.resolve(GROUND_TRUTH_FILE);
        truth.write(groundTruth);
        ChildRegistrations.write(outDir, pop, NameModel.load(), truth.quarantinedPersons(HukouSilo.SOURCE), ref,
                Rng.derive(seed, "child-registrations"));

        return new GeneratedSilos(outDir, hukouCsv, vehicleJdbcUrl,
                hotlineDir.resolve(HotlineSilo.fileName(2025)), hotlineDir.resolve(HotlineSilo.fileName(2026)),
                groundTruth, pop.households.size(), pop.persons.size(),
                new GeneratedSilos.Counts(pop.persons.size(), hukouBroken),
                new GeneratedSilos.Counts(vehicles.vehicles.size(), vehiclesBroken),
                new GeneratedSilos.Counts(hotline.cases.size(), hotlineBroken),
                example, civilAffairs, services);
    }

    /**
     * The first person (in registry order) of a household of at least 2 members who owns a vehicle and filed a
     * case; if there is none, the head of the first household of at least 2 members is given one of each.
     * Broken records are never chosen among this person's records.
     */
    private static String examplePerson(Population pop, VehicleSilo vehicles, HotlineSilo hotline) {
        Set<Person> owners = new HashSet<>();
        vehicles.vehicles.forEach(v -> owners.add(v.owner));
        Set<Person> callers = new HashSet<>();
        hotline.cases.forEach(c -> callers.add(c.caller));
        for (Person p : pop.persons) {
            if (p.household.members.size() >= 2 && owners.contains(p) && callers.contains(p)) {
                return p.id;
            }
        }
        Household h = pop.households.stream().filter(x -> x.members.size() >= 2).findFirst()
                .orElseThrow(() -> new IllegalStateException("no household of 2 or more members"));
        Person head = h.members.getFirst();
        if (!owners.contains(head)) {
            vehicles.add(head);
        }
        if (!callers.contains(head)) {
            hotline.add(head);
        }
        return head.id;
    }
}
