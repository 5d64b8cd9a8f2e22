package org.jiedao.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jiedao.hub.graph.resolution.FieldComparator;
import org.jiedao.hub.graph.resolution.ResolutionSettings;
import org.jiedao.hub.graph.resolution.WeightsJson;
import org.jiedao.hub.simulator.SiloGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hub bench resolution} through the CLI: the accuracy run on a small generated population, a linkage and a
 * deduplication run on files in the Febrl format, and bad options. No timed assertion.
 */
class BenchResolutionCommandTest {
    private static final Pattern FIGURES = Pattern.compile("precision ([0-9.]+), recall ([0-9.]+), F1 ([0-9.]+)");

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private Run run(String... args) {
        BenchResolutionCommand cmd = new BenchResolutionCommand();
        cmd.env = Map.of();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(cmd).execute(args);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private static List<double[]> figures(String out) {
        List<double[]> all = new ArrayList<>();
        Matcher m = FIGURES.matcher(out);
        while (m.find()) {
            all.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
        }
        return all;
    }

    /** Febrl-style people: an original per entity and a corrupted duplicate (typo, missing value, swapped digits). */
    private void febrlFiles(int entities) throws Exception {
        String[] given = {"michaela", "courtney", "charles", "vanessa", "mitchell", "elton", "harley", "isabelle", "jacob", "sarah"};
        String[] surnames = {"neumann", "painter", "green", "parr", "maxon", "white", "mccarthy", "mason", "lanyon", "bruhn"};
        String[] streets = {"stanley street", "pinkerton circuit", "salkauskas crescent", "macquoid place", "light street"};
        String header = String.join(", ", FebrlDataset.COLUMNS);
        List<String> a = new ArrayList<>(List.of(header));
        List<String> b = new ArrayList<>(List.of(header));
        List<String> dedup = new ArrayList<>(List.of(header));
        Random rnd = new Random(5);
        for (int n = 0; n < entities; n++) {
            String[] v = {given[rnd.nextInt(10)], surnames[rnd.nextInt(10)], "" + (1 + rnd.nextInt(99)),
                    streets[rnd.nextInt(5)], "", "suburb" + rnd.nextInt(50), "" + (2000 + rnd.nextInt(3000)),
                    "nsw", "19" + (10 + rnd.nextInt(90)) + "0" + (1 + rnd.nextInt(9)) + (10 + rnd.nextInt(18)),
                    "" + (1_000_000 + rnd.nextInt(9_000_000))};
            String[] d = v.clone();
            switch (n % 4) {
                case 0 -> d[0] = d[0].substring(0, 2) + d[0].charAt(3) + d[0].charAt(2) + d[0].substring(4);
                case 1 -> d[1] = "";
                case 2 -> d[9] = d[9].substring(0, 5) + d[9].charAt(6) + d[9].charAt(5);
                default -> d[3] = d[3].replace("street", "st").replace("place", "pl");
            }
            a.add("rec-" + n + "-org, " + String.join(", ", v));
            b.add("rec-" + n + "-dup-0, " + String.join(", ", d));
            dedup.add("rec-" + n + "-org, " + String.join(", ", v));
            dedup.add("rec-" + n + "-dup-0, " + String.join(", ", d));
        }
        Files.write(dir.resolve("dataset4a.csv"), a);
        Files.write(dir.resolve("dataset4b.csv"), b);
        Files.write(dir.resolve("dataset3.csv"), dedup);
    }

    @Test
    void thePopulationRunReportsHighPrecisionAndRecallAndFewerPairsThanAllPairs() {
        Run r = run("--persons", "1500");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("noise rates per record: {missingId=0.25", "generated population (seed 20261129, 1,500 residents)",
                "pass pinyinInitialsYearMonth", "records/s wall");
        double[] f = figures(r.out()).getFirst();
        assertThat(f[0]).as("precision").isGreaterThanOrEqualTo(0.995);
        assertThat(f[1]).as("recall").isGreaterThanOrEqualTo(0.97);
        Matcher pairs = Pattern.compile("pairs compared ([0-9,]+) of ([0-9,]+) possible").matcher(r.out());
        assertThat(pairs.find()).isTrue();
        long compared = Long.parseLong(pairs.group(1).replace(",", ""));
        long possible = Long.parseLong(pairs.group(2).replace(",", ""));
        assertThat(compared).isLessThan(possible / 100);
        assertThat(r.out()).contains("Febrl: skipped");
    }

    @Test
    void febrlFilesAreLinkedAndDeduplicatedWithGenericComparators() throws Exception {
        febrlFiles(300);
        Run r = run("--persons", "200", "--febrl", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Febrl dataset4a + dataset4b (linkage)", "Febrl dataset3 (deduplication)");
        List<double[]> f = figures(r.out());
        assertThat(f).hasSize(3);
        assertThat(f.get(1)[2]).as("linkage F1").isGreaterThanOrEqualTo(0.95);
        assertThat(f.get(2)[2]).as("deduplication F1").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theEstimatedWeightsAreSavedAsJsonThatConfiguresTheEngine() throws Exception {
        Path file = dir.resolve("config/person-weights.json");
        Run r = run("--persons", "800", "--save-weights", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("weights written to " + file);
        WeightsJson.Document doc = WeightsJson.read(file);
        assertThat(doc.population()).isEqualTo(800L);
        assertThat(doc.seed()).isEqualTo(SiloGenerator.DEFAULT_SEED);
        assertThat(doc.estimatedBy()).contains("EM");
        // the file names the person comparators in order, so the person settings accept it as configured weights
        ResolutionSettings configured = PersonResolution.settings().weights(doc.weights()).build();
        assertThat(doc.weights().comparisons())
                .isEqualTo(configured.comparators().stream().map(FieldComparator::name).toList());
        // a birth date that agrees is evidence for a match, a different one against it
        int birth = doc.weights().comparisons().indexOf("birthDate");
        assertThat(doc.weights().weight(birth, 0)).isPositive();
        assertThat(doc.weights().weight(birth, configured.comparators().get(birth).levels().size() - 1)).isNegative();
    }

    @Test
    void weightsThatCannotBeWrittenExitWithOne() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        assertThat(run("--persons", "200", "--save-weights", notAFolder.resolve("w.json").toString()).exit()).isEqualTo(1);
    }

    @Test
    void severalThroughputSizesPrintTheGrowthBetweenThem() {
        Run r = run("--persons", "200", "--records", "2000,500");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("throughput: 227 residents", "throughput: 909 residents",
                "peak heap in use", "per-record CPU cost x", "pairs compared per record");
        Matcher g = Pattern.compile("growth from ([0-9,]+) to ([0-9,]+) records \\(records x([0-9.]+)\\)").matcher(r.out());
        assertThat(g.find()).isTrue();
        long small = Long.parseLong(g.group(1).replace(",", ""));
        long large = Long.parseLong(g.group(2).replace(",", ""));
        assertThat(small).isLessThan(large);
        assertThat(Double.parseDouble(g.group(3))).isCloseTo((double) large / small, org.assertj.core.api.Assertions.within(0.01));
        assertThat(g.find()).as("one growth line for two sizes").isFalse();
    }

    @Test
    void badOptionsExitWithTwo() {
        assertThat(run("--persons", "1").exit()).isEqualTo(2);
        assertThat(run("--link", "0", "--review", "3").exit()).isEqualTo(2);
    }
}
