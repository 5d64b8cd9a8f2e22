package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.graph.resolution.ResolutionRecord;
import org.jiedao.hub.graph.resolution.ResolutionResult;
import org.jiedao.hub.simulator.DistrictPopulation;
import org.jiedao.hub.simulator.NoisyPersonRecords;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Test;

/** The growth figures of the throughput runs, and the parallel, memoised normalisation of generated records. */
class ResolutionBenchmarkTest {

    private static ResolutionBenchmark.Run run(int records, long pairs, double wall, double cpu, double prepare) {
        ResolutionResult result = new ResolutionResult(Map.of(), List.of(), List.of(), List.of(), null, 0, true, pairs,
                (long) records * (records - 1) / 2, List.of(), Map.of(), 0);
        return new ResolutionBenchmark.Run("n=" + records, records, records / 2, new PairwiseAccuracy(1, 1, 1), result,
                prepare / 2, prepare / 2, prepare, wall, cpu, 1L << 20);
    }

    @Test
    void growthIsMeasuredPerRecordAgainstTheSmallestRun() {
        ResolutionBenchmark.Run small = run(100_000, 350_000, 5, 4, 10);
        ResolutionBenchmark.Run large = run(1_000_000, 7_000_000, 80, 60, 100);
        ResolutionBenchmark.Run middle = run(400_000, 2_000_000, 20, 16, 40);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResolutionBenchmark bench = new ResolutionBenchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, null);

        List<ResolutionBenchmark.Growth> growths = bench.printGrowth(List.of(large, small, middle));

        assertThat(growths).hasSize(2);
        ResolutionBenchmark.Growth g = growths.get(1);
        assertThat(g.small()).isSameAs(small);
        assertThat(g.large()).isSameAs(large);
        assertThat(g.records()).isCloseTo(10, within(1e-9));
        assertThat(g.cpu()).isCloseTo(15, within(1e-9));
        assertThat(g.perRecordCpu()).isCloseTo(1.5, within(1e-9));
        assertThat(g.perRecordWall()).isCloseTo(1.6, within(1e-9));
        assertThat(g.pairsPerRecord()).isCloseTo(2.0, within(1e-9)); // 3.5 -> 7 pairs per record
        assertThat(g.perRecordPrepare()).isCloseTo(1.0, within(1e-9));
        assertThat(g.cpuExponent()).isCloseTo(Math.log(15) / Math.log(10), within(1e-9));
        // the middle run: 4x the records, 4x the CPU: linear
        assertThat(growths.get(0).perRecordCpu()).isCloseTo(1.0, within(1e-9));
        assertThat(growths.get(0).cpuExponent()).isCloseTo(1.0, within(1e-9));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("growth from 100,000 to 1,000,000 records (records x10.00)",
                "per-record CPU cost x1.50", "pairs compared per record 3.50 -> 7.00  x2.00");
    }

    @Test
    void oneRunPrintsNoGrowth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResolutionBenchmark bench = new ResolutionBenchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, null);
        assertThat(bench.printGrowth(List.of(run(1_000, 3_000, 1, 1, 1)))).isEmpty();
        assertThat(bytes.size()).isZero();
    }

    @Test
    void parallelMemoisedNormalisationGivesTheRecordsOfThePlainPathInOrder() {
        DistrictPopulation district = DistrictPopulation.generate(7, 3_000, SiloGenerator.DEFAULT_REFERENCE_DATE);
        List<NoisyPersonRecords.PersonRecord> raw = NoisyPersonRecords.generate(district, 7, NoisyPersonRecords.Noise.REALISTIC);
        List<ResolutionRecord> plain = raw.stream().map(PersonResolution::record).toList();

        List<ResolutionRecord> fast = PersonResolution.records(raw, ResolutionBenchmark.MEMO_ENTRIES);
        List<ResolutionRecord> bounded = PersonResolution.records(raw, 100);

        assertThat(fast).isEqualTo(plain);
        assertThat(bounded).isEqualTo(plain);
        // the sample has what the memo is for: repeated addresses, traditional names, invalid values
        assertThat(raw.stream().map(NoisyPersonRecords.PersonRecord::address).distinct().count())
                .isLessThan(raw.size() / 2);
        assertThat(plain.stream().filter(r -> r.get("address") == null).count()).isPositive();
    }
}
