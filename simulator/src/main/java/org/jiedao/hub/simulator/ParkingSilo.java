package org.jiedao.hub.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jiedao.hub.simulator.GroundTruth.Csv;
import org.jiedao.hub.simulator.Population.Household;

/**
 * The parking silos of the city management section (城市管理科) and the grid office, and what a correct parking
 * analytic must find in them ({@value #TRUTH_FILE}):
 * <ul>
 *   <li>{@value #GRIDS_FILE}: the grid register (网格编码, 网格名称, 社区代码, 边界 as a WKT polygon, WGS 84, longitude
 *       first). One grid per community and street: community {@code i} (by code) is row {@code i}, its streets (in
 *       order of first household) are columns, each grid a box of {@value #GRID_DLON}° by {@value #GRID_DLAT}° from
 *       116.360° E, 39.895° N (about 340 m by 330 m);</li>
 *   <li>{@value #ADDRESSES_FILE}: the standard address register (标准地址, 社区代码, 楼栋编码, 网格编码): every household
 *       address, written as the household registry writes it, with its building (the address up to its first 号)
 *       and the grid of its community and street;</li>
 *   <li>{@value #LOTS_FILE}: the parking-lot register (停车场编码, 停车场名称, 类型 公共停车场|胡同停车位|错时停车, 泊位数,
 *       错时开放起, 错时开放止, 经度, 纬度, 网格编码, 社区代码);</li>
 *   <li>{@value #OCCUPANCY_FILE}: hourly occupancy readings of the sensors of public and shared lots (记录号, 设备编号,
 *       停车场编码, 事件 = occupancy, 观测时间 at half past each hour in Beijing time, 已占用泊位) over the
 *       {@value #DAYS} days before the reference date.</li>
 * </ul>
 * <b>The constructed short area.</b> The grid with the most resident vehicles that a loader keeps (vehicle record and
 * owner's registry record both written; ties by grid code) gets only hutong spaces, {@value #SHORT_GAP} fewer than its
 * resident vehicles (at least 1 space): at night (19:00-07:00) its gap is exactly {@code vehicles - spaces}. The
 * grid nearest to it (if there is another) gets a 错时停车 lot of 40 spaces shared 19-7 at its point nearest to the
 * short grid's centre, with at most 5 cars at night: the nearest idle lot (the grids around the short one get no other
 * shared lot), which covers the whole gap. Every other grid gets a public lot with at least 20 spaces more than its
 * resident vehicles, so no other grid is short.
 */
final class ParkingSilo {
    static final String GRIDS_FILE = "grids/grid_register.csv";
    static final String ADDRESSES_FILE = "addresses/address_register.csv";
    static final String LOTS_FILE = "parking/parking_lots.csv";
    static final String OCCUPANCY_FILE = "parking-occupancy/occupancy.csv";
    static final String TRUTH_FILE = "parking_truth.csv";
    static final int DAYS = 7;
    static final int SHORT_GAP = 6;
    static final int NIGHT_FROM = 19;
    static final int NIGHT_UNTIL = 7;
    static final double GRID_DLON = 0.004;
    static final double GRID_DLAT = 0.003;
    private static final double LON0 = 116.360;
    private static final double LAT0 = 39.895;
    /** The register writes the kind by its Chinese name (the code list's label); the loader maps it to the code. */
    private static final Map<String, String> KIND_LABELS = Map.of("public", "公共停车场", "hutong", "胡同停车位", "shared", "错时停车");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private record Grid(String code, String name, String community, double lon0, double lat0) {
        double lonC() {
            return lon0 + GRID_DLON / 2;
        }

        double latC() {
            return lat0 + GRID_DLAT / 2;
        }

        String wkt() {
            double lon1 = lon0 + GRID_DLON;
            double lat1 = lat0 + GRID_DLAT;
            return "POLYGON((%s %s, %s %s, %s %s, %s %s, %s %s))".formatted(r(lon0), r(lat0), r(lon1), r(lat0), r(lon1), r(lat1),
                    r(lon0), r(lat1), r(lon0), r(lat0));
        }
    }

    private record Lot(String code, String name, String kind, int spaces, Integer from, Integer until, double lon, double lat,
                       Grid grid, int nightMax, int dayMin, int dayMax) {
        boolean sensor() {
            return !kind.equals("hutong");
        }

        int counted(int hour) {
            return !kind.equals("shared") || inHours(hour, from, until) ? spaces : 0;
        }
    }

    private ParkingSilo() {
    }

    /** @return whether {@code hour} lies in {@code [from, until)}, wrapping past midnight when {@code until <= from} */
    static boolean inHours(int hour, int from, int until) {
        return from < until ? hour >= from && hour < until : hour >= from || hour < until;
    }

    /**
     * Writes the four silos and the parking truth.
     *
     * @param outDir the output directory
     * @param pop    the population
     * @param cars   the vehicle registry
     * @param truth  the ground truth so far (vehicle and registry records must already be in it)
     * @param ref    the reference date: readings cover the {@code days} days before it
     * @param days   days of readings (default {@value #DAYS})
     * @param rng    the randomness of this silo
     */
    static void write(Path outDir, Population pop, VehicleSilo cars, GroundTruth truth, LocalDate ref, int days, Rng rng) throws IOException {
        Map<String, Grid> gridOf = new HashMap<>();            // community + street -> grid
        Map<String, Grid> grids = new LinkedHashMap<>();
        List<String> communities = pop.households.stream().map(h -> h.community.code()).distinct().sorted().toList();
        Map<String, Integer> columns = new HashMap<>();
        for (Household h : pop.households) {
            String k = h.community.code() + "|" + h.street;
            if (!gridOf.containsKey(k)) {
                int row = communities.indexOf(h.community.code());
                int col = columns.merge(h.community.code(), 1, Integer::sum) - 1;
                String code = "WG" + h.community.code().substring(9) + "%02d".formatted(col + 1);
                Grid g = new Grid(code, h.community.name() + h.street + "网格", h.community.code(),
                        LON0 + col * GRID_DLON, LAT0 + row * GRID_DLAT);
                gridOf.put(k, g);
                grids.put(code, g);
            }
        }
        // resident vehicles a loader keeps, per grid
        Set<String> hukouWritten = truth.writtenKeys(HukouSilo.SOURCE);
        Set<String> carsWritten = truth.writtenKeys(VehicleSilo.SOURCE);
        Map<String, Integer> residents = new HashMap<>();
        for (VehicleSilo.Vehicle v : cars.vehicles) {
            Household h = v.owner.household;
            if (carsWritten.contains(Long.toString(v.recordId)) && hukouWritten.contains(h.number + "-" + v.owner.id)) {
                residents.merge(gridOf.get(h.community.code() + "|" + h.street).code(), 1, Integer::sum);
            }
        }
        Grid shortGrid = grids.values().stream()
                .max(java.util.Comparator.comparingInt((Grid g) -> residents.getOrDefault(g.code(), 0))
                        .thenComparing(Grid::code, java.util.Comparator.reverseOrder())).orElseThrow();
        // the grid nearest to the short one (by centroid; ties by code), if there is another
        Grid donor = grids.values().stream().filter(g -> g != shortGrid)
                .min(java.util.Comparator.comparingDouble((Grid g) -> Math.hypot(g.lonC() - shortGrid.lonC(), g.latC() - shortGrid.latC()))
                        .thenComparing(Grid::code)).orElse(null);

        List<Lot> lots = new ArrayList<>();
        for (Grid g : grids.values()) {
            int v = residents.getOrDefault(g.code(), 0);
            if (g == shortGrid) {
                lots.add(new Lot("P" + g.code() + "H", g.name() + "胡同停车位", "hutong", Math.max(1, v - SHORT_GAP), null, null,
                        g.lonC(), g.latC(), g, 0, 0, 0));
                continue;
            }
            int spaces = v + 20 + rng.nextInt(31);
            lots.add(new Lot("P" + g.code() + "A", g.name() + "公共停车场", "public", spaces, null, null, g.lonC(), g.latC(), g,
                    spaces * 7 / 10, spaces * 3 / 10, spaces / 2));
            if (g == donor) {
                // the point of the donor grid nearest to the short grid's centre, 0.0003° inside it
                double lon = Math.max(g.lon0() + 0.0003, Math.min(g.lon0() + GRID_DLON - 0.0003, shortGrid.lonC()));
                double lat = Math.max(g.lat0() + 0.0003, Math.min(g.lat0() + GRID_DLAT - 0.0003, shortGrid.latC()));
                lots.add(new Lot("P" + g.code() + "S", g.name() + "错时共享停车场", "shared", 40, NIGHT_FROM, NIGHT_UNTIL, lon, lat, g,
                        5, 30, 40));
                continue;
            }
            boolean nearShort = Math.abs(g.lon0() - shortGrid.lon0()) < GRID_DLON * 1.5 && Math.abs(g.lat0() - shortGrid.lat0()) < GRID_DLAT * 1.5;
            if (rng.chance(0.3)) {
                lots.add(new Lot("P" + g.code() + "H", g.name() + "胡同停车位", "hutong", rng.between(10, 30), null, null,
                        g.lonC() - 0.001, g.latC() + 0.0005, g, 0, 0, 0));
            }
            if (rng.chance(0.2) && !nearShort) {   // no other idle lot nearer to the short grid than the donor's
                int s = rng.between(20, 60);
                boolean late = rng.chance(0.5);
                lots.add(new Lot("P" + g.code() + "S", g.name() + "错时共享停车场", "shared", s, late ? 19 : 18, late ? 7 : 8,
                        g.lonC() + 0.001, g.latC() - 0.0005, g, s / 5, s * 6 / 10, s));
            }
        }

        StringBuilder gridCsv = new StringBuilder("网格编码,网格名称,社区代码,边界\n");
        grids.values().forEach(g -> gridCsv.append(g.code()).append(',').append(g.name()).append(',').append(g.community())
                .append(',').append(Csv.field(g.wkt())).append('\n'));
        StringBuilder addressCsv = new StringBuilder("标准地址,社区代码,楼栋编码,网格编码\n");
        Map<String, String> buildings = new LinkedHashMap<>();
        for (Household h : pop.households) {
            Grid g = gridOf.get(h.community.code() + "|" + h.street);
            int cut = h.localAddress.indexOf('号');
            String building = cut < 0 ? h.localAddress : h.localAddress.substring(0, cut + 1);
            String code = buildings.computeIfAbsent(h.community.code() + building, k -> g.code() + "-B" + "%03d".formatted(buildings.size() + 1));
            addressCsv.append(Csv.field(pop.adminPrefix + h.localAddress)).append(',').append(h.community.code()).append(',')
                    .append(code).append(',').append(g.code()).append('\n');
        }
        StringBuilder lotCsv = new StringBuilder("停车场编码,停车场名称,类型,泊位数,错时开放起,错时开放止,经度,纬度,网格编码,社区代码\n");
        for (Lot l : lots) {
            lotCsv.append(l.code()).append(',').append(l.name()).append(',').append(KIND_LABELS.get(l.kind())).append(',').append(l.spaces()).append(',')
                    .append(l.from() == null ? "" : l.from()).append(',').append(l.until() == null ? "" : l.until()).append(',')
                    .append(r(l.lon())).append(',').append(r(l.lat())).append(',').append(l.grid().code()).append(',')
                    .append(l.grid().community()).append('\n');
        }
        StringBuilder occCsv = new StringBuilder("记录号,设备编号,停车场编码,事件,观测时间,已占用泊位\n");
        Map<String, long[]> sums = new LinkedHashMap<>();  // lot -> sum per hour
        for (Lot l : lots) {
            if (!l.sensor()) {
                continue;
            }
            long[] sum = new long[24];
            sums.put(l.code(), sum);
            for (int d = days; d >= 1; d--) {
                LocalDate day = ref.minusDays(d);
                for (int h = 0; h < 24; h++) {
                    boolean night = inHours(h, NIGHT_FROM, NIGHT_UNTIL);
                    int occupied = night ? rng.between(0, l.nightMax()) : rng.between(l.dayMin(), l.dayMax());
                    sum[h] += occupied;
                    String at = TIME.format(LocalDateTime.of(day, java.time.LocalTime.of(h, 30)));
                    occCsv.append("OCC-").append(l.code()).append('-').append(day.toString().replace("-", "")).append("%02d".formatted(h))
                            .append(",D-").append(l.code()).append(',').append(l.code()).append(",occupancy,").append(at).append(',')
                            .append(occupied).append('\n');
                }
            }
        }

        StringBuilder t = new StringBuilder("kind,subject,hour,value,detail\n");
        t.append("period,").append(ref.minusDays(days)).append(",,").append(days).append(",").append(ref).append('\n');
        for (Grid g : grids.values()) {
            t.append("residents,").append(g.code()).append(",,").append(residents.getOrDefault(g.code(), 0)).append(',').append(g.community()).append('\n');
            for (int h = 0; h < 24; h++) {
                int hour = h;
                int supply = lots.stream().filter(l -> l.grid() == g).mapToInt(l -> l.counted(hour)).sum();
                t.append("supply,").append(g.code()).append(',').append(h).append(',').append(supply).append(",\n");
            }
        }
        sums.forEach((lot, sum) -> {
            for (int h = 0; h < 24; h++) {
                t.append("occupancy,").append(lot).append(',').append(h).append(',').append((double) sum[h] / days).append(",\n");
            }
        });
        int v = residents.getOrDefault(shortGrid.code(), 0);
        Lot hutong = lots.stream().filter(l -> l.grid() == shortGrid).findFirst().orElseThrow();
        Lot shared = lots.stream().filter(l -> l.grid() == donor && l.kind().equals("shared")).findFirst().orElse(null);
        for (int h = 0; h < 24; h++) {
            boolean night = inHours(h, NIGHT_FROM, NIGHT_UNTIL);
            int gap = (night ? v : 0) - hutong.spaces();
            t.append("gap,").append(shortGrid.code()).append(',').append(h).append(',').append(gap).append(",\n");
            if (gap > 0 && shared != null) {
                t.append("match,").append(shortGrid.code()).append(',').append(h).append(',').append(gap).append(',').append(shared.code()).append('\n');
            }
        }
        write(outDir.resolve(GRIDS_FILE), gridCsv);
        write(outDir.resolve(ADDRESSES_FILE), addressCsv);
        write(outDir.resolve(LOTS_FILE), lotCsv);
        write(outDir.resolve(OCCUPANCY_FILE), occCsv);
        write(outDir.resolve(TRUTH_FILE), t);
    }

    private static void write(Path file, CharSequence text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String r(double x) {
        return java.math.BigDecimal.valueOf(Math.round(x * 1_000_000) / 1_000_000.0).stripTrailingZeros().toPlainString();
    }
}
