package org.jiedao.hub.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jiedao.hub.graph.resolution.WeightsJson;
import org.jiedao.hub.simulator.NoisyPersonRecords;
import org.jiedao.hub.simulator.SiloGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub bench resolution}: accuracy and throughput of the entity-resolution engine (issue 5, "Measured";
 * docs/entity-resolution.md). Needs no Neo4j.
 *
 * <ol>
 *   <li>the generated population ({@code --persons} residents) as four departmental systems hold them, with noise at
 *       the rates printed ({@link NoisyPersonRecords.Noise#REALISTIC});</li>
 *   <li>Febrl dataset4a + dataset4b (linkage) and dataset3 (deduplication) from {@code --febrl DIR} (default
 *       {@code HUB_FEBRL_DIR}; skipped when neither names a folder holding them);</li>
 *   <li>for each {@code --records N}, a population of about N records, for throughput; with two or more sizes, the
 *       growth from the smallest to each larger one (per-record resolve CPU and wall cost, pairs per record:
 *       {@link ResolutionBenchmark#printGrowth}).</li>
 * </ol>
 * Prints precision, recall and F1 of the pairwise links, pairs compared against all pairs, and records per second.
 * With {@code --save-weights FILE}, writes the population run's estimated {@link
 * org.jiedao.hub.graph.resolution.MatchWeights} as JSON ({@link WeightsJson}: comparisons, m, u, matchShare, estimatedBy,
 * population = {@code --persons}, seed), all or nothing.
 * Exit code 0; 1 when the weights cannot be written; 2 for bad options.
 */
@Command(name = "resolution", mixinStandardHelpOptions = true,
        description = "Accuracy (precision, recall, F1) and throughput of entity resolution on the generated population and the Febrl benchmark.")
final class BenchResolutionCommand implements Callable<Integer> {

    @Option(names = "--persons", description = "residents of the generated population for the accuracy run (default: ${DEFAULT-VALUE})")
    int persons = 20_000;

    @Option(names = "--seed", description = "seed of the population and of the noise (default: ${DEFAULT-VALUE})")
    long seed = SiloGenerator.DEFAULT_SEED;

    @Option(names = "--febrl", description = "folder with the Febrl CSV files dataset3.csv, dataset4a.csv, dataset4b.csv (default: $HUB_FEBRL_DIR)")
    Path febrl;

    @Option(names = "--records", split = ",", description = "throughput runs at about these numbers of records, comma-separated (e.g. 100000,1000000)")
    List<Integer> records = List.of();

    @Option(names = "--link", description = "link threshold in bits (default: the settings' own: 3 for persons, 6 for Febrl)")
    Double link;

    @Option(names = "--review", description = "review threshold in bits (default: the settings' own: 0)")
    Double review;

    @Option(names = "--weights", description = "also print the estimated m/u and weights of the population run")
    boolean weights;

    @Option(names = "--save-weights", paramLabel = "FILE",
            description = "write the population run's estimated weights to FILE as JSON (WeightsJson; e.g. config/resolution/person-weights.json)")
    Path saveWeights;

    /** Environment (replaced in tests). */
    Map<String, String> env = System.getenv();
    /** Where the report goes (replaced in tests). */
    java.io.PrintStream stdout = System.out;

    @Override
    public Integer call() throws Exception {
        if (persons < 2 || records.stream().anyMatch(n -> n < 10) || (link != null && review != null && review > link)) {
            System.err.println("hub bench resolution: --persons must be 2 or more, each --records 10 or more, "
                    + "and --review not above --link");
            return 2;
        }
        Runtime rt = Runtime.getRuntime();
        stdout.printf("machine: %d CPUs, Java %s, %s %s, max heap %,d MiB%n", rt.availableProcessors(),
                Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"), rt.maxMemory() >> 20);
        ResolutionBenchmark bench = new ResolutionBenchmark(stdout, link, review);
        NoisyPersonRecords.Noise noise = NoisyPersonRecords.Noise.REALISTIC;
        stdout.printf("%nnoise rates per record: %s%n", noise.asMap());
        ResolutionBenchmark.Run pop = bench.population(persons, seed, noise,
                String.format("generated population (seed %d, %,d residents)", seed, persons));
        if (weights) {
            bench.printWeights(pop, PersonResolution.settings());
        }
        if (saveWeights != null) {
            try {
                WeightsJson.write(new WeightsJson.Document(pop.result().weights(),
                        "EM on the candidate pairs of hub bench resolution (PersonResolution settings, noise REALISTIC)",
                        (long) persons, seed), saveWeights);
            } catch (IOException e) {
                System.err.println("hub bench resolution: cannot write the weights to " + saveWeights + ": " + e.getMessage());
                return 1;
            }
            stdout.printf("  weights written to %s%n", saveWeights);
        }
        Path dir = febrl != null ? febrl : env.get("HUB_FEBRL_DIR") == null ? null : Path.of(env.get("HUB_FEBRL_DIR"));
        if (dir != null && Files.isRegularFile(dir.resolve("dataset4a.csv"))) {
            bench.febrlLinkage(dir);
            bench.febrlDeduplication(dir, "dataset3.csv");
        } else {
            stdout.printf("%nFebrl: skipped (give --febrl DIR or HUB_FEBRL_DIR with dataset3.csv, dataset4a.csv, dataset4b.csv)%n");
        }
        java.util.List<ResolutionBenchmark.Run> throughput = new java.util.ArrayList<>();
        for (int n : records) {
            // about 2.2 records per resident (registry, social insurance, grid, hotline)
            int residents = Math.max(2, (int) Math.round(n / 2.2));
            throughput.add(bench.population(residents, seed, noise, String.format("throughput: %,d residents", residents)));
        }
        bench.printGrowth(throughput);
        return 0;
    }
}
