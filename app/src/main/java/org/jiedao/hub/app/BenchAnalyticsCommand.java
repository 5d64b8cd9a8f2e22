package org.jiedao.hub.app;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.jiedao.hub.analytics.CaseHotspots;
import org.jiedao.hub.analytics.CommunityScope;
import org.jiedao.hub.analytics.CrowdDensities;
import org.jiedao.hub.analytics.CrowdMonitor;
import org.jiedao.hub.analytics.CrowdSettings;
import org.jiedao.hub.analytics.CrowdZone;
import org.jiedao.hub.analytics.Patrols;
import org.jiedao.hub.analytics.Period;
import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.simulator.DistrictPopulation;
import org.jiedao.hub.simulator.SiloGenerator;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub bench analytics}: the compute time of each governance analytic (issue 8, "Measured") on a generated
 * district ({@link DistrictPopulation}, 100,000 residents by default, written by {@link BenchDistrict}) and a month of
 * sensor data ({@link BenchSensors}: about 9.5 million crowd counts and patrol position reports by default).
 *
 * <p>Each analytic is timed against a baseline measured in the same run: one statement that only counts the nodes
 * the analytic reads (the cases of its period, the reports or counts of its window), so the ratio is the analytic's
 * cost over reading its input. Each is run once to warm up, then {@code --runs} times; the median is reported.
 * Prints a table and writes JSON ({@code --json}). Exit 0 when done, 2 on bad options or a graph holding other data
 * without {@code --force}.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = "Compute time of each analytic on a generated district and a month of sensor data, against a baseline read of its input.")
final class BenchAnalyticsCommand implements Callable<Integer> {
    @Option(names = "--persons", description = "residents of the generated district (default: ${DEFAULT-VALUE})")
    int persons = 100_000;
    @Option(names = "--days", description = "days of sensor data (default: ${DEFAULT-VALUE})")
    int days = 30;
    @Option(names = "--counters", description = "crowd counters, a multiple of 4, each counting once a minute (default: ${DEFAULT-VALUE})")
    int counters = 120;
    @Option(names = "--members", description = "patrol members, each reporting every 30 s for 12 h a day (default: ${DEFAULT-VALUE})")
    int members = 100;
    @Option(names = "--runs", description = "timed runs per analytic after one warm-up (default: ${DEFAULT-VALUE})")
    int runs = 5;
    @Option(names = "--seed", description = "seed (default: ${DEFAULT-VALUE})")
    long seed = SiloGenerator.DEFAULT_SEED;
    @Option(names = "--threads", description = "concurrent write transactions while generating (default: ${DEFAULT-VALUE})")
    int threads = 2;
    @Option(names = "--reuse", description = "skip writing data the graph already holds")
    boolean reuse;
    @Option(names = "--force", description = "write even if the graph holds other data")
    boolean force;
    @Option(names = "--json", description = "where the JSON report goes (default: ${DEFAULT-VALUE})")
    Path json = Path.of("bench-analytics.json");

    /** Environment (replaced in tests). */
    Map<String, String> env = System.getenv();
    /** Where the report goes (replaced in tests). */
    PrintStream stdout = System.out;

    /** One analytic's timing. */
    record Row(String analytic, String input, double medianMs, double baselineMs, double ratio, int results, long inputNodes) {
    }

    @Override
    public Integer call() throws Exception {
        if (persons < 2 || days < 2 || counters < 4 || counters % 4 != 0 || members < 1 || runs < 1 || threads < 1) {
            System.err.println("hub bench analytics: --persons 2 or more, --days 2 or more, --counters a multiple of 4, "
                    + "--members, --runs and --threads 1 or more");
            return 2;
        }
        HubSettings settings = HubSettings.fromEnvironment(env);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        DistrictPopulation district = DistrictPopulation.generate(seed, persons, SiloGenerator.DEFAULT_REFERENCE_DATE);
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j())) {
            Driver driver = neo4j.driver();
            BenchDistrict graph = new BenchDistrict(driver, Ontology.bundled(), district, seed);
            if (!(reuse && graph.isLoaded())) {
                if (graph.existingNodes() > 0 && !graph.isLoaded() && !force) {
                    System.err.printf("hub bench analytics: the graph at %s holds other data; use an empty database "
                            + "(HUB_DATA_DIR of its own) or --force%n", neo4j.boltUri());
                    return 2;
                }
                BenchDistrict.Load load = graph.write(2_000, threads, true, stdout);
                stdout.printf("district: %,d records in %.1f s%n", load.records(), load.seconds());
            }
            BenchSensors sensors = new BenchSensors(driver, district.communityCodes(),
                    SiloGenerator.DEFAULT_REFERENCE_DATE.minusDays(days), days, counters, members, seed);
            if (!(reuse && sensors.isLoaded())) {
                long t0 = System.nanoTime();
                long n = sensors.write(threads, stdout);
                stdout.printf("sensor data: %,d observations in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            }
            List<Row> rows = measure(driver, sensors);
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            stdout.printf("%nmachine: %d CPUs, Java %s; Neo4j at %s; load average %.2f before, %.2f after%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), neo4j.boltUri(), loadBefore, loadAfter);
            stdout.printf("%-28s %-44s %10s %12s %8s %8s%n", "analytic", "input", "median ms", "baseline ms", "ratio", "results");
            for (Row r : rows) {
                stdout.printf("%-28s %-44s %10.1f %12.1f %7.1fx %8d%n", r.analytic(), r.input(), r.medianMs(), r.baselineMs(), r.ratio(), r.results());
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("persons", persons);
            report.put("days", days);
            report.put("observations", sensors.observations());
            report.put("cpus", Runtime.getRuntime().availableProcessors());
            report.put("loadAverageBefore", loadBefore);
            report.put("loadAverageAfter", loadAfter);
            report.put("rows", rows);
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            stdout.printf("%nJSON report: %s%n", json.toAbsolutePath());
            return 0;
        }
    }

    private List<Row> measure(Driver driver, BenchSensors sensors) {
        List<Row> rows = new ArrayList<>();
        CaseHotspots cases = new CaseHotspots(driver, CaseHotspots.DEFAULT_ZONE);
        Instant[] span = caseSpan(driver);
        Period month = new Period(span[1].minus(Duration.ofDays(28)), span[1]);
        String caseInput = "cases of 28 days";
        IntFunction<Long> caseBaseline = i -> count(driver, "MATCH (c:Case) WHERE c.reportedAt >= $from AND c.reportedAt < $to RETURN count(c) AS n",
                Map.of("from", month.from().atOffset(ZoneOffset.UTC), "to", month.to().atOffset(ZoneOffset.UTC)));
        rows.add(time("caseHotspots", caseInput, i -> cases.hotspots(month, CommunityScope.ALL).size(), caseBaseline));
        rows.add(time("recurringComplaintAddresses", caseInput, i -> cases.recurringComplaints(month, 2, CommunityScope.ALL).size(), caseBaseline));
        rows.add(time("caseTrends", caseInput + " and the 28 before", i -> cases.trends(month, CommunityScope.ALL).size(),
                i -> caseBaseline.apply(i) + count(driver, "MATCH (c:Case) WHERE c.reportedAt >= $from AND c.reportedAt < $to RETURN count(c) AS n",
                        Map.of("from", month.previous().from().atOffset(ZoneOffset.UTC), "to", month.from().atOffset(ZoneOffset.UTC)))));

        Patrols patrols = new Patrols(driver);
        Instant lastShift = sensors.end().minus(Duration.ofHours(4)); // 20:00 Beijing of the last day, when the shift ends
        Period shift = new Period(lastShift.minus(Duration.ofHours(8)), lastShift);
        IntFunction<Long> shiftBaseline = i -> count(driver,
                "MATCH (p:PatrolPositionReport) WHERE p.resultTime >= $from AND p.resultTime < $to RETURN count(p) AS n",
                Map.of("from", shift.from().atOffset(ZoneOffset.UTC), "to", shift.to().atOffset(ZoneOffset.UTC)));
        rows.add(time("patrolPositions", "latest report of each member", i -> patrols.currentPositions(CommunityScope.ALL).size(),
                i -> count(driver, "MATCH (m:PatrolMember) RETURN count(m) AS n", Map.of())));
        rows.add(time("patrolTrack", "one member, 8 h", i -> patrols.track(BenchSensors.member(i % members), shift, CommunityScope.ALL).size(),
                i -> count(driver, "MATCH (p:PatrolPositionReport)-[:POSITION_OF]->(:PatrolMember {memberNumber: $m}) "
                        + "WHERE p.resultTime >= $from AND p.resultTime < $to RETURN count(p) AS n",
                        Map.of("m", BenchSensors.member(i % members), "from", shift.from().atOffset(ZoneOffset.UTC), "to", shift.to().atOffset(ZoneOffset.UTC)))));
        String community = sensors.crowdSettings().zones().get(0).community();
        rows.add(time("gridCoverage", "one community, 8 h", i -> patrols.communityCoverage(community, shift, CommunityScope.ALL).grids().size(), shiftBaseline));
        rows.add(time("nearestPatrol", "latest reports, 15 min", i -> patrols.nearest(39.885, 116.31, lastShift, Patrols.DEFAULT_RECENCY, 3, CommunityScope.ALL).size(),
                i -> count(driver, "MATCH (p:PatrolPositionReport) WHERE p.resultTime >= $from AND p.resultTime < $to RETURN count(p) AS n",
                        Map.of("from", lastShift.minus(Patrols.DEFAULT_RECENCY).atOffset(ZoneOffset.UTC), "to", lastShift.atOffset(ZoneOffset.UTC)))));

        org.jiedao.hub.analytics.ParkingBalance parking = new org.jiedao.hub.analytics.ParkingBalance(driver);
        Period parkingWeek = new Period(sensors.end().minus(Duration.ofDays(7)), sensors.end());
        rows.add(time("parkingBalance", "vehicles of residents, lots, a week of readings",
                i -> parking.compute(parkingWeek, org.jiedao.hub.analytics.ParkingSettings.DEFAULT, CommunityScope.ALL).areas().size(),
                i -> count(driver, "MATCH (:Person)-[:OWNS]->(v:Vehicle) RETURN count(v) AS n", Map.of())
                        + count(driver, "MATCH (o:ParkingObservation) WHERE o.resultTime >= $from AND o.resultTime < $to RETURN count(o) AS n",
                        Map.of("from", parkingWeek.from().atOffset(ZoneOffset.UTC), "to", parkingWeek.to().atOffset(ZoneOffset.UTC)))));
        org.jiedao.hub.analytics.KindergartenForecast kindergartens = new org.jiedao.hub.analytics.KindergartenForecast(driver);
        java.time.LocalDate asOf = SiloGenerator.DEFAULT_REFERENCE_DATE;
        rows.add(time("kindergartenForecast", "children under 7 and their moves, 3 years",
                i -> kindergartens.forecast(asOf, org.jiedao.hub.analytics.KindergartenForecast.DEFAULT_YEARS,
                        org.jiedao.hub.analytics.KindergartenForecast.DEFAULT_WINDOW_YEARS,
                        org.jiedao.hub.analytics.KindergartenForecast.DEFAULT_RADIUS_METRES, CommunityScope.ALL).areas().size(),
                i -> count(driver, "MATCH (p:Person) WHERE p.birthDate >= $born RETURN count(p) AS n", Map.of("born", asOf.minusYears(7)))));

        org.jiedao.hub.analytics.ServiceCatalogue catalogue = ProactiveServices.catalogue(env, Ontology.bundled());
        org.jiedao.hub.analytics.ServiceEligibility eligibility = new org.jiedao.hub.analytics.ServiceEligibility(driver, null);
        for (org.jiedao.hub.analytics.PublicServiceDefinition service : catalogue.services()) {
            rows.add(time("eligibleNotEnrolled " + service.code(), "residents and their records",
                    i -> eligibility.outreach(service, asOf, CommunityScope.ALL).notEnrolled().size(),
                    i -> count(driver, "MATCH (p:Person) RETURN count(p) AS n", Map.of())));
        }
        org.jiedao.hub.analytics.Prefill prefill = new org.jiedao.hub.analytics.Prefill(driver, Ontology.bundled(), null);
        rows.add(time("prefillShares", "every eligible resident's forms", i -> prefill.shares(catalogue.services(), asOf, CommunityScope.ALL).size(),
                i -> count(driver, "MATCH (p:Person) RETURN count(p) AS n", Map.of())));

        CrowdSettings crowd = sensors.crowdSettings();
        CrowdZone zone = crowd.zones().get(0);
        Period week = new Period(sensors.end().minus(Duration.ofDays(7)), sensors.end());
        IntFunction<Long> weekBaseline = i -> count(driver, "MATCH (o:Observation)-[:MADE_BY_SENSOR]->(s:Sensor) WHERE s.deviceId IN $sensors "
                + "AND o.resultTime >= $from AND o.resultTime < $to RETURN count(o) AS n",
                Map.of("sensors", zone.sensors(), "from", week.from().atOffset(ZoneOffset.UTC), "to", week.to().atOffset(ZoneOffset.UTC)));
        rows.add(time("crowdDensity", "one zone (4 counters), 7 days", i -> new CrowdDensities(driver, crowd, null).buckets(zone, week).size(), weekBaseline));
        try (Session s = driver.session()) {
            s.run("MATCH (n) WHERE n:CrowdDensity OR n:CrowdAlert OR n:CrowdZoneState DETACH DELETE n").consume();
        }
        CrowdMonitor monitor = new CrowdMonitor(driver, crowd, a -> { });
        monitor.prepare();
        Instant warm = sensors.end().minus(Duration.ofDays(2));
        monitor.evaluate(warm.plus(crowd.grace())); // first start: a season of warm-up
        List<String> all = crowd.zones().stream().flatMap(z -> z.sensors().stream()).toList();
        rows.add(time("crowd monitor (one hour)", crowd.zones().size() + " zones, 12 buckets each",
                i -> monitor.evaluate(warm.plus(Duration.ofHours(i + 1)).plus(crowd.grace())).size(),
                i -> count(driver, "MATCH (o:Observation)-[:MADE_BY_SENSOR]->(s:Sensor) WHERE s.deviceId IN $sensors "
                                + "AND o.resultTime >= $from AND o.resultTime < $to RETURN count(o) AS n",
                        Map.of("sensors", all, "from", warm.plus(Duration.ofHours(i)).atOffset(ZoneOffset.UTC),
                                "to", warm.plus(Duration.ofHours(i + 1)).atOffset(ZoneOffset.UTC)))));
        return rows;
    }

    /** Warm-up once, then {@link #runs} timed runs of each, alternating; medians. */
    private Row time(String analytic, String input, IntFunction<Integer> work, IntFunction<Long> baseline) {
        work.apply(0);
        baseline.apply(0);
        double[] w = new double[runs];
        double[] b = new double[runs];
        int results = 0;
        long nodes = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            results = work.apply(i + 1);
            w[i] = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            nodes = baseline.apply(i + 1);
            b[i] = (System.nanoTime() - t1) / 1e6;
        }
        double mw = median(w);
        double mb = median(b);
        stdout.printf("  %-28s %9.1f ms (baseline %.1f ms)%n", analytic, mw, mb);
        return new Row(analytic, input, mw, mb, mb == 0 ? Double.NaN : mw / mb, results, nodes);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long count(Driver driver, String cypher, Map<String, Object> params) {
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run(cypher, params).single().get("n").asLong());
        }
    }

    private static Instant[] caseSpan(Driver driver) {
        try (Session s = driver.session()) {
            var r = s.run("MATCH (c:Case) RETURN min(c.reportedAt) AS lo, max(c.reportedAt) AS hi").single();
            return new Instant[] {r.get("lo").asZonedDateTime().toInstant(), r.get("hi").asZonedDateTime().toInstant().plusSeconds(1)};
        }
    }
}
