package org.jiedao.hub.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.resolution.MatchWeights;
import org.jiedao.hub.graph.resolution.ResolutionEngine;
import org.jiedao.hub.graph.resolution.ResolutionRecord;
import org.jiedao.hub.graph.resolution.ResolutionResult;
import org.jiedao.hub.graph.resolution.ResolutionSettings;
import org.jiedao.hub.simulator.DistrictPopulation;
import org.jiedao.hub.simulator.NoisyPersonRecords;
import org.jiedao.hub.simulator.SiloGenerator;

/**
 * The accuracy and throughput runs of {@code hub bench resolution}: the generated population with noise, the Febrl
 * linkage (dataset4a + 4b) and deduplication (dataset3) benchmarks, and throughput at a given number of records.
 */
final class ResolutionBenchmark {

    /**
     * The figures of one run.
     *
     * @param name           what was resolved
     * @param records        records resolved
     * @param entities       true entities among them
     * @param accuracy       pairwise precision, recall, F1
     * @param result         the engine's result (pairs compared, weights, links, reviews, refusals)
     * @param prepareSeconds time to generate and normalise the records (0 for files)
     * @param resolveSeconds wall-clock time the engine took
     * @param cpuSeconds     CPU time of the process meanwhile (all threads), to compare runs on a shared machine
     */
    record Run(String name, int records, long entities, PairwiseAccuracy accuracy, ResolutionResult result,
               double prepareSeconds, double resolveSeconds, double cpuSeconds) {

        double recordsPerSecond() {
            return records / Math.max(resolveSeconds, 1e-9);
        }
    }

    private final PrintStream out;
    private final Double linkThreshold;
    private final Double reviewThreshold;

    /**
     * @param out             where the figures go
     * @param linkThreshold   link threshold in bits, or null for each run's settings' own
     * @param reviewThreshold review threshold in bits, or null for each run's settings' own
     */
    ResolutionBenchmark(PrintStream out, Double linkThreshold, Double reviewThreshold) {
        this.out = out;
        this.linkThreshold = linkThreshold;
        this.reviewThreshold = reviewThreshold;
    }

    /**
     * Resolves the generated population's records.
     *
     * @param persons residents generated
     * @param seed    seed of the population and the noise
     * @param noise   noise rates
     * @param name    the run's name
     * @return the figures
     */
    Run population(int persons, long seed, NoisyPersonRecords.Noise noise, String name) {
        long t0 = System.nanoTime();
        DistrictPopulation district = DistrictPopulation.generate(seed, persons, SiloGenerator.DEFAULT_REFERENCE_DATE);
        List<NoisyPersonRecords.PersonRecord> raw = NoisyPersonRecords.generate(district, seed, noise);
        Map<String, String> truth = new HashMap<>(raw.size() * 2);
        Map<String, String> sources = new HashMap<>(raw.size() * 2);
        List<ResolutionRecord> records = raw.parallelStream().map(PersonResolution::record).toList();
        for (NoisyPersonRecords.PersonRecord r : raw) {
            truth.put(r.recordId(), r.personId());
            sources.put(r.recordId(), r.source());
        }
        double prepare = (System.nanoTime() - t0) / 1e9;
        return run(name, PersonResolution.settings(), records, truth, sources, false, prepare);
    }

    /**
     * Links Febrl dataset4a to dataset4b.
     *
     * @param dir the folder with the Febrl CSV files
     * @return the figures
     * @throws IOException if a file cannot be read
     */
    Run febrlLinkage(Path dir) throws IOException {
        Map<String, String> truth = new HashMap<>();
        List<ResolutionRecord> records = new ArrayList<>(FebrlDataset.read(dir.resolve("dataset4a.csv"), "4a", truth));
        records.addAll(FebrlDataset.read(dir.resolve("dataset4b.csv"), "4b", truth));
        Map<String, String> sources = new HashMap<>();
        records.forEach(r -> sources.put(r.id(), r.source()));
        return run("Febrl dataset4a + dataset4b (linkage)", FebrlDataset.settings().acrossSourcesOnly(true), records,
                truth, sources, true, 0);
    }

    /**
     * Deduplicates one Febrl file.
     *
     * @param dir  the folder
     * @param file e.g. {@code dataset3.csv}
     * @return the figures
     * @throws IOException if the file cannot be read
     */
    Run febrlDeduplication(Path dir, String file) throws IOException {
        Map<String, String> truth = new HashMap<>();
        List<ResolutionRecord> records = FebrlDataset.read(dir.resolve(file), "febrl", truth);
        Map<String, String> sources = new HashMap<>();
        records.forEach(r -> sources.put(r.id(), r.source()));
        return run("Febrl " + file.replace(".csv", "") + " (deduplication)", FebrlDataset.settings(), records, truth,
                sources, false, 0);
    }

    private Run run(String name, ResolutionSettings.Builder settings, List<ResolutionRecord> records,
                    Map<String, String> truth, Map<String, String> sources, boolean across, double prepare) {
        ResolutionSettings defaults = settings.build();
        double link = linkThreshold != null ? linkThreshold : defaults.linkThreshold();
        double review = reviewThreshold != null ? reviewThreshold : Math.min(defaults.reviewThreshold(), link);
        ResolutionSettings s = settings.thresholds(link, review).build();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        ResolutionResult result = new ResolutionEngine(s).resolve(records);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        PairwiseAccuracy acc = PairwiseAccuracy.of(result.entityOf(), truth, sources, across);
        long entities = truth.values().stream().distinct().count();
        Run run = new Run(name, records.size(), entities, acc, result, prepare, seconds, cpuSeconds);
        print(run, s);
        return run;
    }

    private void print(Run r, ResolutionSettings s) {
        ResolutionResult res = r.result();
        out.printf("%n%s%n", r.name());
        out.printf("  thresholds: link >= %.1f bits, review >= %.1f bits%n", s.linkThreshold(), s.reviewThreshold());
        out.printf("  records %,d, true entities %,d, entities found %,d%n", r.records(), r.entities(), res.entityCount());
        out.printf("  pairs compared %,d of %,d possible (reduction ratio %.5f)%n", res.candidatePairs(),
                res.possiblePairs(), res.reductionRatio());
        res.passes().forEach(p -> out.printf("    pass %-18s %,12d pairs, %,12d new%s%n", p.rule(), p.pairs(), p.newPairs(),
                p.skippedBlocks() == 0 ? "" : ", " + p.skippedBlocks() + " blocks over the size limit skipped"));
        out.printf("  EM: %d iterations%s, match share among candidates %.4f%n", res.emIterations(),
                res.emConverged() ? " (converged)" : " (cap reached)", res.weights().matchShare());
        out.printf("  links %,d, for review %,d, refused merges %,d, hub values %s%n", res.links().size(),
                res.reviews().size(), res.refusals().size(), res.hubValues());
        PairwiseAccuracy a = r.accuracy();
        out.printf("  pairwise links: precision %.4f, recall %.4f, F1 %.4f (true positives %,d, predicted %,d, true %,d)%n",
                a.precision(), a.recall(), a.f1(), a.truePositives(), a.predicted(), a.actual());
        out.printf("  time: resolve %.1f s wall, %.1f s CPU (%,.0f records/s wall, %,.0f records per CPU-second)%s%n",
                r.resolveSeconds(), r.cpuSeconds(), r.recordsPerSecond(), r.records() / Math.max(r.cpuSeconds(), 1e-9),
                r.prepareSeconds() > 0 ? String.format(", generate + normalise %.1f s", r.prepareSeconds()) : "");
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /**
     * Prints the m/u and weights of a run, one line per level.
     *
     * @param r the run
     * @param s its settings' comparators come from this builder
     */
    void printWeights(Run r, ResolutionSettings.Builder s) {
        MatchWeights w = r.result().weights();
        out.printf("  weights (m, u, log2(m/u) bits):%n");
        w.table(s.build().comparators()).forEach((c, levels) -> levels.forEach((l, v) ->
                out.printf("    %-14s %-11s m %.4f  u %.6f  %+6.2f%n", c, l, v[0], v[1], v[2])));
    }
}
