package org.jiedao.hub.app;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jiedao.hub.graph.server.Neo4jConnection;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.simulator.DistrictPopulation;
import org.jiedao.hub.simulator.SiloGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub bench api}: latency (p50, p99) and throughput of the GraphQL API against hand-written Cypher for the same
 * answers, at 1, 8 and 32 concurrent clients, over a generated district (issue 6, "Measured"; see
 * {@link ApiBenchmark}). The district ({@link DistrictPopulation}, 100,000 residents by default) is written through
 * the real writer ({@link BenchDistrict}) unless {@code --reuse} finds it already in the graph. Connects like
 * {@code hub serve} ({@code NEO4J_URI}, else the embedded Neo4j under {@code HUB_DATA_DIR}: give the benchmark a data
 * directory of its own).
 *
 * <p>Prints a table and writes the same figures as JSON ({@code --json}). Exit code 0 when every sampled answer
 * matched and every GraphQL request ran one statement, 1 otherwise, 2 when the graph holds other data and
 * {@code --force} is not given.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Latency and throughput of GraphQL against hand-written Cypher (person 360, community list) on a generated district.")
final class BenchApiCommand implements Callable<Integer> {
    @Option(names = "--persons", description = "residents of the generated district (default: ${DEFAULT-VALUE})")
    int persons = 100_000;

    @Option(names = "--seed", description = "seed of the district and of the key sequences (default: ${DEFAULT-VALUE})")
    long seed = SiloGenerator.DEFAULT_SEED;

    @Option(names = "--clients", split = ",", description = "concurrent clients, comma-separated (default: 1,8,32)")
    List<Integer> clients = List.of(1, 8, 32);

    @Option(names = "--requests", description = "timed requests per engine, query and client count (default: ${DEFAULT-VALUE})")
    int requests = 2_000;

    @Option(names = "--warmup", description = "warm-up requests per engine and query (default: ${DEFAULT-VALUE})")
    int warmup = 1_000;

    @Option(names = "--verify", description = "keys whose GraphQL and Cypher answers are compared before timing, per query (default: ${DEFAULT-VALUE})")
    int verify = 200;

    @Option(names = "--reuse", description = "skip writing the district if the graph already holds it")
    boolean reuse;

    @Option(names = "--force", description = "write the district even if the graph holds other data")
    boolean force;

    @Option(names = "--batch-size", description = "records per write transaction while generating (default: ${DEFAULT-VALUE})")
    int batchSize = 1_000;

    @Option(names = "--write-threads", description = "concurrent write transactions while generating (default: ${DEFAULT-VALUE})")
    int writeThreads = 2;

    @Option(names = "--loader", description = "how an empty graph is filled: bulk (UNWIND ... CREATE of the writer's shape) "
            + "or writer (the record writer, record by record as in ingestion) (default: ${DEFAULT-VALUE})")
    Loader loader = Loader.bulk;

    /** How the district gets into an empty graph. */
    enum Loader {
        /** {@link BulkRecordLoader} (the writer is still used on a graph that holds Person nodes). */
        bulk,
        /** {@link org.jiedao.hub.graph.write.RecordWriter}. */
        writer
    }

    @Option(names = "--json", description = "where the JSON report goes (default: ${DEFAULT-VALUE})")
    Path json = Path.of("bench-api.json");

    /** Environment (replaced in tests). */
    Map<String, String> env = System.getenv();
    /** Where the report goes (replaced in tests). */
    PrintStream stdout = System.out;

    @Override
    public Integer call() throws Exception {
        if (persons < 2 || requests < 1 || warmup < 0 || verify < 1 || batchSize < 1 || writeThreads < 1
                || clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
            System.err.println("hub bench api: --persons must be 2 or more; --requests, --verify, --batch-size, "
                    + "--write-threads and each of --clients 1 or more; --warmup 0 or more");
            return 2;
        }
        HubSettings settings = HubSettings.fromEnvironment(env);
        Ontology ontology = Ontology.bundled();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        DistrictPopulation district = DistrictPopulation.generate(seed, persons, SiloGenerator.DEFAULT_REFERENCE_DATE);
        double modelSeconds = (System.nanoTime() - t0) / 1e9;
        stdout.printf("district (seed %d): %,d residents in %,d households, %,d vehicles, %,d cases, %,d certificates, "
                        + "%d communities (model built in %.1f s)%n", seed, district.residents().size(), district.households().size(),
                district.vehicles().size(), district.cases().size(), district.certificates().size(),
                district.communityCodes().size(), modelSeconds);
        try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j());
             ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor()) {
            BenchDistrict graph = new BenchDistrict(neo4j.driver(), ontology, district, seed);
            boolean loaded = graph.isLoaded();
            BenchDistrict.Load load = null;
            if (reuse && loaded) {
                stdout.printf("reusing the district already in the graph at %s%n", neo4j.boltUri());
            } else {
                long existing = graph.existingNodes();
                if (existing > 0 && !loaded && !force) {
                    System.err.printf("hub bench api: the graph at %s holds %d nodes that are not this district; use an "
                            + "empty database (HUB_DATA_DIR of its own), or pass --force to write the district beside them%n",
                            neo4j.boltUri(), existing);
                    return 2;
                }
                stdout.printf("writing the district (%s loader, batch size %d, %d writer(s))%n", loader, batchSize, writeThreads);
                load = graph.write(batchSize, writeThreads, loader == Loader.bulk, stdout);
                stdout.printf("written: %,d records (%,d new) in %.1f s, %,.0f records/s%n", load.records(), load.written(),
                        load.seconds(), load.records() / load.seconds());
            }
            ApiBenchmark bench = new ApiBenchmark(neo4j.driver(), ontology, blocking);
            Map<String, List<String>> keys = Map.of(
                    "person", district.residents().stream().map(DistrictPopulation.Resident::idNumber).toList(),
                    "community", district.communityCodes());
            ApiBenchmark.Report report = bench.run(BenchQuery.all(), keys,
                    new ApiBenchmark.Options(clients, requests, warmup, verify, seed), stdout);
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("cpus", Runtime.getRuntime().availableProcessors());
            machine.put("java", Runtime.version().toString());
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            machine.put("neo4j", neo4j.boltUri().toString());
            machine.put("loadAverageBefore", loadBefore);
            machine.put("loadAverageAfter", loadAfter);
            printTable(report, machine);
            write(report, machine, district, load);
            stdout.printf("%nJSON report: %s%n", json.toAbsolutePath());
            return report.answersMatch() ? 0 : 1;
        }
    }

    private void printTable(ApiBenchmark.Report report, Map<String, Object> machine) {
        stdout.printf("%nmachine: %s CPUs, Java %s, %s; Neo4j at %s; load average %.2f before, %.2f after%n",
                machine.get("cpus"), machine.get("java"), machine.get("os"), machine.get("neo4j"),
                (double) machine.get("loadAverageBefore"), (double) machine.get("loadAverageAfter"));
        stdout.printf("%n%-10s %7s %-8s %8s %9s %9s %9s %10s%n", "query", "clients", "engine", "requests", "p50 ms",
                "p99 ms", "req/s", "stmts/req");
        for (ApiBenchmark.Row r : report.rows()) {
            stdout.printf("%-10s %7d %-8s %8d %9.2f %9.2f %9.1f %10.2f%n", r.query(), r.clients(), r.engine(), r.requests(),
                    r.p50Ms(), r.p99Ms(), r.perSecond(), r.statementsPerRequest());
        }
        stdout.printf("%n%-10s %7s %22s %26s%n", "query", "clients", "p99 GraphQL/Cypher", "throughput GraphQL/Cypher");
        for (ApiBenchmark.Comparison c : report.comparisons()) {
            stdout.printf("%-10s %7d %17.2fx %-4s %21.2fx %-4s%n", c.query(), c.clients(), c.p99Ratio(),
                    c.p99Met() ? "ok" : "MISS", c.throughputRatio(), c.throughputMet() ? "ok" : "MISS");
        }
        stdout.printf("targets: p99 <= %.1fx, throughput >= %.1fx of the hand-written Cypher%n", ApiBenchmark.P99_TARGET,
                ApiBenchmark.THROUGHPUT_TARGET);
        for (ApiBenchmark.Check c : report.checks()) {
            stdout.printf("answers of %s: %d of %d sampled keys match; statements per GraphQL request: %d%s%n", c.query(),
                    c.matched(), c.compared(), c.statementsPerRequestMax(), c.mismatches().isEmpty() ? "" : "; differ: " + c.mismatches());
        }
    }

    private void write(ApiBenchmark.Report report, Map<String, Object> machine, DistrictPopulation district,
                       BenchDistrict.Load load) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("measuredAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        out.put("machine", machine);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("seed", seed);
        d.put("residents", district.residents().size());
        d.put("households", district.households().size());
        d.put("vehicles", district.vehicles().size());
        d.put("cases", district.cases().size());
        d.put("certificates", district.certificates().size());
        d.put("communities", district.communityCodes().size());
        d.put("reused", load == null);
        if (load != null) {
            d.put("writtenRecords", load.written());
            d.put("writeSeconds", load.seconds());
        }
        out.put("district", d);
        out.put("options", Map.of("clients", clients, "requests", requests, "warmup", warmup, "verify", verify));
        out.put("targets", Map.of("p99Ratio", ApiBenchmark.P99_TARGET, "throughputRatio", ApiBenchmark.THROUGHPUT_TARGET));
        out.put("checks", report.checks());
        out.put("rows", report.rows());
        out.put("comparisons", report.comparisons());
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Jsonl.JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
    }
}
