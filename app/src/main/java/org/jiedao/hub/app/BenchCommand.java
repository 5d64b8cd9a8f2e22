package org.jiedao.hub.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.jiedao.hub.graph.server.Neo4jConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub bench ingest}, {@code hub bench api} (see {@link BenchApiCommand}) and {@code hub bench resolution} (see
 * {@link BenchResolutionCommand}).
 *
 * <p>{@code hub bench ingest [--rows N] [--batch-size B] [--force]}: throughput of the CSV-to-graph path, in records
 * per second, and its ratio to a plain {@code UNWIND ... CREATE} of the same rows through the same driver in the same
 * run (see {@link IngestBenchmark}). Connects like {@code hub serve} ({@code NEO4J_URI}, else the embedded Neo4j under
 * {@code HUB_DATA_DIR}). Exit code 2 if the graph already holds data and {@code --force} is not given.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Ingest.class, BenchApiCommand.class, BenchResolutionCommand.class, BenchAnalyticsCommand.class})
final class BenchCommand {

    /** {@code hub bench ingest}. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Records per second of CSV -> normalise -> validate -> graph, and the ratio to a plain UNWIND ... CREATE of the same rows.")
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--rows", description = "residents in the generated household registry (default: ${DEFAULT-VALUE})")
        int rows = 20_000;

        @Option(names = "--batch-size", description = "records per transaction (default: ${DEFAULT-VALUE})")
        int batchSize = 500;

        @Option(names = "--force", description = "run even if the graph holds data (the benchmark's own data is still removed afterwards)")
        boolean force;

        @Override
        public Integer call() throws Exception {
            if (rows < 1 || batchSize < 1) {
                System.err.println("hub bench ingest: --rows and --batch-size must be 1 or more");
                return 2;
            }
            HubSettings settings = HubSettings.fromEnvironment(System.getenv());
            Path work = Files.createTempDirectory("jiedao-bench-");
            try (Neo4jConnection neo4j = Neo4jConnection.fromEnvironment(settings.env(), settings.embeddedNeo4j())) {
                IngestBenchmark bench = new IngestBenchmark(neo4j.driver(), settings.sourcesDir());
                long existing = bench.existingNodes();
                if (existing > 0 && !force) {
                    System.err.printf("hub bench ingest: the graph at %s holds %d nodes; run it on an empty database, "
                            + "or pass --force (only the benchmark's own data is deleted afterwards)%n", neo4j.boltUri(), existing);
                    return 2;
                }
                IngestBenchmark.Result r = bench.run(rows, batchSize, work, System.out);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("%nmachine: %d CPUs, Java %s, %s %s; Neo4j at %s%n", rt.availableProcessors(),
                        Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"), neo4j.boltUri());
                System.out.printf("records: %d (%d written, %d quarantined), batch size %d%n", r.rows(), r.written(),
                        r.quarantined(), r.batchSize());
                System.out.printf("hub CSV -> graph:            %,10.0f records/s%n", r.hubPerSecond());
                System.out.printf("re-run, all unchanged:       %,10.0f records/s%n", r.rerunPerSecond());
                System.out.printf("plain UNWIND ... CREATE:     %,10.0f rows/s%n", r.plainPerSecond());
                System.out.printf("ratio hub / plain CREATE:    %10.2f%n", r.ratio());
                return 0;
            } finally {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // temporary files; best effort
                }
            }
        }
    }
}
