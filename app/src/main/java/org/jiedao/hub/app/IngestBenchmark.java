package org.jiedao.hub.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jiedao.hub.graph.schema.GraphSchema;
import org.jiedao.hub.graph.write.RecordWriter;
import org.jiedao.hub.graph.write.WriteSummary;
import org.jiedao.hub.loaders.mapping.SourceCatalog;
import org.jiedao.hub.loaders.mapping.SourceMapping;
import org.jiedao.hub.loaders.read.RawRecord;
import org.jiedao.hub.loaders.read.RecordReader;
import org.jiedao.hub.loaders.source.Placeholders;
import org.jiedao.hub.ontology.Ontology;
import org.jiedao.hub.routes.Ingester;
import org.jiedao.hub.routes.SourceStats;
import org.jiedao.hub.simulator.SiloGenerator;
import org.neo4j.driver.Driver;

/**
 * Measures the CSV-to-graph path against a plain {@code UNWIND ... CREATE} of the same rows through the same
 * driver, in the same run (issue 4, "Done when": throughput reported as records per second and as a ratio).
 *
 * <p>The input is the simulator's household registry ({@code hukou_registry.csv}, GBK, about 5% bad rows) with
 * {@code rows} residents, loaded with the shipped {@code config/sources/hukou.yaml} under the source id
 * {@value #SOURCE} (so its records never mix with real ones). Three timed passes, each after a warm-up pass on a
 * different generated file (JIT, plan cache) that is deleted again:
 * <ol>
 *   <li><b>hub</b>: read (decode, parse) + normalise + validate (SHACL) + write ({@link RecordWriter}, one
 *       transaction per batch), for every row, including the bad ones, which are quarantined;</li>
 *   <li><b>re-run</b>: the same file again; every record is unchanged (content hash) and nothing is written;</li>
 *   <li><b>plain</b>: the same raw rows, as column-name maps, by {@code UNWIND $rows AS r CREATE (:BenchPerson
 *       {col: r.col, ...})}, one managed transaction per batch, same batch size.</li>
 * </ol>
 * Reference divisions are not loaded, so the registry's links to communities are skipped (REFERENCE mode).
 * Everything the benchmark wrote is deleted at the end.
 */
final class IngestBenchmark {
    /** Source id the benchmark's records carry. */
    static final String SOURCE = "bench-hukou";
    /** Label of the plain {@code CREATE} pass. */
    static final String PLAIN_LABEL = "BenchPerson";

    /**
     * One measurement.
     *
     * @param rows         records in the timed file (good and bad)
     * @param batchSize    records per transaction
     * @param written      records written by the hub pass
     * @param quarantined  records quarantined by the hub pass
     * @param hubPerSecond records per second of the hub pass
     * @param rerunPerSecond records per second of the re-run (all unchanged)
     * @param plainPerSecond rows per second of the plain CREATE pass
     */
    record Result(int rows, int batchSize, long written, long quarantined, double hubPerSecond, double rerunPerSecond,
                  double plainPerSecond) {
        /** @return hub rate divided by plain CREATE rate (1.0 = as fast as a bare CREATE) */
        double ratio() {
            return hubPerSecond / plainPerSecond;
        }
    }

    private final Driver driver;
    private final Ontology ontology;
    private final SourceMapping mapping;
    private final RecordWriter writer;

    /**
     * @param driver     the hub's driver (the same one for every pass)
     * @param sourcesDir directory holding {@code hukou.yaml}
     * @throws IOException if the definition cannot be read or copied
     */
    IngestBenchmark(Driver driver, Path sourcesDir) throws IOException {
        this.driver = driver;
        this.ontology = Ontology.bundled();
        this.mapping = benchMapping(sourcesDir, ontology);
        this.writer = new RecordWriter(driver, ontology);
    }

    /** The shipped hukou definition under the benchmark's own source id. */
    private static SourceMapping benchMapping(Path sourcesDir, Ontology ontology) throws IOException {
        Path definition = sourcesDir.resolve("hukou.yaml");
        if (!Files.isRegularFile(definition)) {
            throw new IllegalArgumentException("no hukou.yaml in " + sourcesDir + " (HUB_SOURCES_DIR)");
        }
        Path tmp = Files.createTempDirectory("jiedao-bench-sources-");
        try {
            String yaml = Files.readString(definition).replaceFirst("(?m)^id:\\s*hukou\\s*$", "id: " + SOURCE);
            Files.writeString(tmp.resolve("bench.yaml"), yaml);
            return SourceCatalog.load(tmp, new Placeholders(Map.of("HUB_DATA_DIR", tmp.toString())), tmp, ontology).getFirst();
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @return nodes in the graph (the benchmark refuses to run on a graph with data unless forced)
     */
    long existingNodes() {
        try (var s = driver.session()) {
            return s.executeRead(tx -> tx.run("MATCH (n) RETURN count(n) AS c").single().get("c").asLong());
        }
    }

    /**
     * Runs the warm-ups and the three timed passes, then deletes what they wrote.
     *
     * @param rows      residents to generate (records of the timed file; 1 or more)
     * @param batchSize records per transaction (1 or more)
     * @param workDir   where the generated files go (deleted by the caller)
     * @param log       progress lines
     * @return the rates
     * @throws Exception if the silo cannot be generated or Neo4j refuses a statement
     */
    Result run(int rows, int batchSize, Path workDir, java.io.PrintStream log) throws Exception {
        new GraphSchema(ontology).apply(driver);
        try {
            int warmRows = Math.max(1, Math.min(rows, 2_000));
            List<RawRecord> warm = generate(workDir.resolve("warm-up"), SiloGenerator.DEFAULT_SEED + 1, warmRows);
            List<RawRecord> timed = generate(workDir.resolve("timed"), SiloGenerator.DEFAULT_SEED, rows);
            byte[] warmFile = Files.readAllBytes(workDir.resolve("warm-up").resolve(SiloGenerator.HUKOU_FILE));
            byte[] timedFile = Files.readAllBytes(workDir.resolve("timed").resolve(SiloGenerator.HUKOU_FILE));

            log.printf("warm-up: %d records%n", warm.size());
            hubPass(warmFile, batchSize);
            hubPass(warmFile, batchSize);
            plainPass(warm, batchSize);
            cleanUp();

            log.printf("hub pass: %d records, batch size %d%n", timed.size(), batchSize);
            long t0 = System.nanoTime();
            WriteSummary first = hubPass(timedFile, batchSize);
            double hubSeconds = (System.nanoTime() - t0) / 1e9;
            log.printf("re-run pass (all unchanged)%n");
            t0 = System.nanoTime();
            WriteSummary again = hubPass(timedFile, batchSize);
            double rerunSeconds = (System.nanoTime() - t0) / 1e9;
            if (again.written() != 0) {
                throw new IllegalStateException("the re-run wrote " + again.written() + " records; expected none");
            }
            log.printf("plain UNWIND ... CREATE pass%n");
            t0 = System.nanoTime();
            plainPass(timed, batchSize);
            double plainSeconds = (System.nanoTime() - t0) / 1e9;
            int n = timed.size();
            return new Result(n, batchSize, first.written(), first.quarantined(), n / hubSeconds, n / rerunSeconds, n / plainSeconds);
        } finally {
            cleanUp();
        }
    }

    private static List<RawRecord> generate(Path dir, long seed, int persons) throws Exception {
        SiloGenerator.Options.builder().seed(seed).persons(persons).generator().generate(dir);
        Path csv = dir.resolve(SiloGenerator.HUKOU_FILE);
        return RecordReader.forFormat("csv").read(csv.getFileName().toString(), Files.readAllBytes(csv), "auto");
    }

    /** Read + normalise + validate + write, through the file route's own {@link Ingester}. */
    private WriteSummary hubPass(byte[] file, int batchSize) throws Exception {
        List<RawRecord> records = RecordReader.forFormat(mapping.definition().format())
                .read(Path.of(SiloGenerator.HUKOU_FILE).getFileName().toString(), file, mapping.definition().encoding());
        return new Ingester(mapping, writer, batchSize, new SourceStats(SOURCE)).ingestUnit(SiloGenerator.HUKOU_FILE, records);
    }

    /** {@code UNWIND $rows AS r CREATE (:BenchPerson {c: r.c, ...})} over the raw column maps. */
    private void plainPass(List<RawRecord> records, int batchSize) {
        Set<String> columns = new LinkedHashSet<>();
        records.forEach(r -> columns.addAll(r.values().keySet()));
        String props = columns.stream().map(c -> quote(c) + ": r." + quote(c)).collect(Collectors.joining(", "));
        String cypher = "UNWIND $rows AS r CREATE (:" + PLAIN_LABEL + " {" + props + "})";
        try (var session = driver.session()) {
            for (int from = 0; from < records.size(); from += batchSize) {
                List<Map<String, Object>> rows = records.subList(from, Math.min(records.size(), from + batchSize)).stream()
                        .map(r -> (Map<String, Object>) new java.util.HashMap<>(r.values())).toList();
                session.executeWrite(tx -> tx.run(cypher, Map.of("rows", rows)).consume());
            }
        }
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * Deletes, in batches, what the benchmark wrote: its BenchPerson nodes, its quarantined records, the entities
     * its records resolve to or mention that no other source's record refers to, and its records.
     */
    void cleanUp() {
        deleteInBatches("MATCH (n:" + PLAIN_LABEL + ") WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c");
        deleteInBatches("MATCH (q:QuarantinedRecord {source: '" + SOURCE + "'}) WITH q LIMIT 5000 DELETE q RETURN count(*) AS c");
        deleteInBatches("""
                MATCH (:SourceRecord {source: '%s'})-[:RESOLVES_TO|MENTIONS]->(e)
                WHERE NOT EXISTS { MATCH (o:SourceRecord)-[:RESOLVES_TO|MENTIONS]->(e) WHERE o.source <> '%s' }
                WITH DISTINCT e LIMIT 5000 DETACH DELETE e RETURN count(*) AS c""".formatted(SOURCE, SOURCE));
        deleteInBatches("MATCH (r:SourceRecord {source: '" + SOURCE + "'}) WITH r LIMIT 5000 DETACH DELETE r RETURN count(*) AS c");
    }

    private void deleteInBatches(String cypher) {
        try (var session = driver.session()) {
            long deleted;
            do {
                deleted = session.executeWrite(tx -> tx.run(cypher).single().get("c").asLong());
            } while (deleted > 0);
        }
    }
}
