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
     * @param generateSeconds  wall-clock time to generate the records (0 for files)
     * @param normaliseSeconds wall-clock time to normalise them into match fields (0 for files)
     * @param normaliseCpuSeconds CPU time of the process while normalising (all threads)
     * @param resolveSeconds   wall-clock time the engine took
     * @param cpuSeconds       CPU time of the process meanwhile (all threads), to compare runs on a shared machine
     * @param peakHeapBytes    the most heap in use seen from generating to the end of resolving (sampled every
     *                         {@value HeapPeak#SAMPLE_MILLIS} ms; includes garbage not yet collected)
     */
    record Run(String name, int records, long entities, PairwiseAccuracy accuracy, ResolutionResult result,
               double generateSeconds, double normaliseSeconds, double normaliseCpuSeconds, double resolveSeconds,
               double cpuSeconds,
               long peakHeapBytes) {

        double recordsPerSecond() {
            return records / Math.max(resolveSeconds, 1e-9);
        }

        double recordsPerCpuSecond() {
            return records / Math.max(cpuSeconds, 1e-9);
        }

        double pairsPerRecord() {
            return (double) result.candidatePairs() / Math.max(records, 1);
        }
    }

    /**
     * How the cost grows from a smaller run to a larger one. Linear growth has every per-record ratio at 1 and the
     * exponent at 1; comparing all pairs would have the exponent at 2.
     *
     * @param small the run with fewer records
     * @param large the run with more records
     */
    record Growth(Run small, Run large) {

        /** @return records(large) / records(small) */
        double records() {
            return ratio(large.records(), small.records());
        }

        /** @return resolve CPU time(large) / CPU time(small) */
        double cpu() {
            return ratio(large.cpuSeconds(), small.cpuSeconds());
        }

        /** @return resolve wall time(large) / wall time(small) */
        double wall() {
            return ratio(large.resolveSeconds(), small.resolveSeconds());
        }

        /** @return the per-record resolve CPU cost at the larger size over that at the smaller one */
        double perRecordCpu() {
            return cpu() / records();
        }

        /** @return the per-record resolve wall time at the larger size over that at the smaller one */
        double perRecordWall() {
            return wall() / records();
        }

        /** @return pairs compared per record at the larger size over that at the smaller one */
        double pairsPerRecord() {
            return ratio(large.pairsPerRecord(), small.pairsPerRecord());
        }

        /** @return generate + normalise wall time per record at the larger size over that at the smaller one */
        double perRecordPrepare() {
            return ratio(large.generateSeconds() + large.normaliseSeconds(),
                    small.generateSeconds() + small.normaliseSeconds()) / records();
        }

        /** @return k in CPU time ∝ records^k: log(cpu ratio) / log(records ratio); 1 is linear, 2 quadratic */
        double cpuExponent() {
            return Math.log(cpu()) / Math.log(records());
        }

        private static double ratio(double a, double b) {
            return a / Math.max(b, 1e-9);
        }
    }

    /** The most heap in use, sampled by a daemon thread while a run lasts. */
    static final class HeapPeak implements AutoCloseable {
        static final int SAMPLE_MILLIS = 50;
        private final java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private final Thread sampler;

        HeapPeak() {
            sample();
            sampler = Thread.ofPlatform().daemon().name("heap-peak").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sample();
                    try {
                        Thread.sleep(SAMPLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private void sample() {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }

        /** @return the most heap in use seen so far, in bytes */
        long bytes() {
            sample();
            return peak.get();
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }

    /** Distinct names, phones and addresses remembered while normalising one population (about 200 bytes each). */
    static final int MEMO_ENTRIES = 1 << 20;

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
        try (HeapPeak heap = new HeapPeak()) {
            long t0 = System.nanoTime();
            DistrictPopulation district = DistrictPopulation.generate(seed, persons, SiloGenerator.DEFAULT_REFERENCE_DATE);
            List<NoisyPersonRecords.PersonRecord> raw = NoisyPersonRecords.generate(district, seed, noise);
            district = null; // only the records are needed from here
            Map<String, String> truth = new HashMap<>(raw.size() * 2);
            Map<String, String> sources = new HashMap<>(raw.size() * 2);
            for (NoisyPersonRecords.PersonRecord r : raw) {
                truth.put(r.recordId(), r.personId());
                sources.put(r.recordId(), r.source());
            }
            long t1 = System.nanoTime();
            long cpu1 = processCpuNanos();
            List<ResolutionRecord> records = PersonResolution.records(raw, MEMO_ENTRIES);
            raw = null;
            double generate = (t1 - t0) / 1e9;
            double normalise = (System.nanoTime() - t1) / 1e9;
            double normaliseCpu = (processCpuNanos() - cpu1) / 1e9;
            return run(name, PersonResolution.settings(), records, truth, sources, false, generate, normalise,
                    normaliseCpu, heap);
        }
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
        try (HeapPeak heap = new HeapPeak()) {
            return run("Febrl dataset4a + dataset4b (linkage)", FebrlDataset.settings().acrossSourcesOnly(true), records,
                    truth, sources, true, 0, 0, 0, heap);
        }
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
        try (HeapPeak heap = new HeapPeak()) {
            return run("Febrl " + file.replace(".csv", "") + " (deduplication)", FebrlDataset.settings(), records, truth,
                    sources, false, 0, 0, 0, heap);
        }
    }

    private Run run(String name, ResolutionSettings.Builder settings, List<ResolutionRecord> records,
                    Map<String, String> truth, Map<String, String> sources, boolean across, double generate,
                    double normalise, double normaliseCpu, HeapPeak heap) {
        ResolutionSettings defaults = settings.build();
        double link = linkThreshold != null ? linkThreshold : defaults.linkThreshold();
        double review = reviewThreshold != null ? reviewThreshold : Math.min(defaults.reviewThreshold(), link);
        ResolutionSettings s = settings.thresholds(link, review).build();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        ResolutionResult result = new ResolutionEngine(s).resolve(records);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        long peak = heap.bytes();
        PairwiseAccuracy acc = PairwiseAccuracy.of(result.entityOf(), truth, sources, across);
        long entities = truth.values().stream().distinct().count();
        Run run = new Run(name, records.size(), entities, acc, result, generate, normalise, normaliseCpu, seconds,
                cpuSeconds, peak);
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
                r.resolveSeconds(), r.cpuSeconds(), r.recordsPerSecond(), r.recordsPerCpuSecond(),
                r.generateSeconds() + r.normaliseSeconds() > 0
                        ? String.format("; generate %.1f s, normalise %.1f s wall, %.1f s CPU", r.generateSeconds(),
                                r.normaliseSeconds(), r.normaliseCpuSeconds())
                        : "");
        out.printf("  pairs compared per record %.2f; peak heap in use %,d MiB (max heap %,d MiB)%n", r.pairsPerRecord(),
                r.peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * Prints how time grows between throughput runs: each run against the smallest, as ratios of records, resolve CPU
     * and wall time, per-record costs and pairs compared per record (issue 5: near-linear growth).
     *
     * @param runs the throughput runs, any order; nothing is printed for fewer than two
     * @return the growths printed, smallest run to each larger one
     */
    List<Growth> printGrowth(List<Run> runs) {
        List<Run> sorted = runs.stream().sorted(java.util.Comparator.comparingInt(Run::records)).toList();
        List<Growth> growths = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            Growth g = new Growth(sorted.getFirst(), sorted.get(i));
            growths.add(g);
            out.printf("%ngrowth from %,d to %,d records (records x%.2f):%n", g.small().records(), g.large().records(),
                    g.records());
            out.printf("  resolve CPU   %8.1f s -> %8.1f s  x%.2f; per-record CPU cost x%.2f (CPU time ~ records^%.2f)%n",
                    g.small().cpuSeconds(), g.large().cpuSeconds(), g.cpu(), g.perRecordCpu(), g.cpuExponent());
            out.printf("  resolve wall  %8.1f s -> %8.1f s  x%.2f; per-record wall time x%.2f%n",
                    g.small().resolveSeconds(), g.large().resolveSeconds(), g.wall(), g.perRecordWall());
            out.printf("  pairs compared per record %.2f -> %.2f  x%.2f%n", g.small().pairsPerRecord(),
                    g.large().pairsPerRecord(), g.pairsPerRecord());
            out.printf("  records per CPU-second %,.0f -> %,.0f; generate + normalise per record x%.2f%n",
                    g.small().recordsPerCpuSecond(), g.large().recordsPerCpuSecond(), g.perRecordPrepare());
        }
        return growths;
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
