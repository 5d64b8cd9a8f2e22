package org.jiedao.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parking silos of a generated sub-district: every lot lies inside the box of its grid, every household address is
 * placed in a registered grid, readings cover the week before the reference date, and the truth names one short grid
 * with a positive night gap and the shared lot next to it.
 */
class ParkingSiloTest {
    @TempDir
    static Path tmp;
    private static Path out;

    @BeforeAll
    static void generate() throws Exception {
        out = tmp.resolve("p");
        SiloGenerator.Options.builder().persons(600).generator().generate(out);
    }

    private static List<String[]> rows(String file) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).toList();
    }

    @Test
    void lotsLieInTheirGridsAndAddressesAreInRegisteredGrids() throws Exception {
        Map<String, double[]> boxes = new HashMap<>();
        for (String[] g : rows(ParkingSilo.GRIDS_FILE)) {
            String[] pts = g[3].replace("\"", "").replace("POLYGON((", "").replace("))", "").split(", ");
            String[] sw = pts[0].split(" ");
            String[] ne = pts[2].split(" ");
            boxes.put(g[0], new double[] {Double.parseDouble(sw[0]), Double.parseDouble(sw[1]), Double.parseDouble(ne[0]), Double.parseDouble(ne[1])});
        }
        assertThat(boxes).hasSizeGreaterThan(5);
        List<String[]> lots = rows(ParkingSilo.LOTS_FILE);
        assertThat(lots).allSatisfy(l -> {
            double[] b = boxes.get(l[8]);
            double lon = Double.parseDouble(l[6]);
            double lat = Double.parseDouble(l[7]);
            assertThat(lon).as(l[0]).isBetween(b[0], b[2]);
            assertThat(lat).as(l[0]).isBetween(b[1], b[3]);
        });
        assertThat(lots.stream().map(l -> l[2])).contains("公共停车场", "胡同停车位", "错时停车");
        assertThat(rows(ParkingSilo.ADDRESSES_FILE)).allSatisfy(a -> assertThat(boxes).containsKey(a[3]));
    }

    @Test
    void theTruthNamesAShortGridAndItsMatch() throws Exception {
        List<String[]> truth = rows(ParkingSilo.TRUTH_FILE);
        assertThat(truth.stream().filter(t -> t[0].equals("gap") && t[2].equals("22")).map(t -> Integer.parseInt(t[3])))
                .singleElement().satisfies(gap -> assertThat(gap).isPositive());
        assertThat(truth.stream().filter(t -> t[0].equals("match")).map(t -> t[4]).distinct()).singleElement()
                .satisfies(lot -> assertThat(lot).endsWith("S"));
        long sensorLots = rows(ParkingSilo.LOTS_FILE).stream().filter(l -> !l[2].equals("胡同停车位")).count();
        assertThat(rows(ParkingSilo.OCCUPANCY_FILE)).hasSize((int) (sensorLots * 24 * ParkingSilo.DAYS));
    }
}
