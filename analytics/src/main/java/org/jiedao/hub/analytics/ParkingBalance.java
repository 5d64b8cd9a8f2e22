package org.jiedao.hub.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Parking supply and demand per grid and community and hour of the day (issue 8, item 1; docs/analytics.md#parking).
 * Reads only; thread-safe.
 *
 * <ul>
 *   <li><b>Supply</b> at hour {@code h}: the spaces ({@code ParkingLot.capacity}) of the area's lots (a lot's area is
 *       its {@code LOT_IN_GRID} grid and that grid's community). A 错时停车 lot ({@code kind = shared}) counts only in
 *       its shared hours {@code [sharedFromHour, sharedUntilHour)}, wrapping past midnight.</li>
 *   <li><b>Resident demand</b>: at night ({@link ParkingSettings#night}) the vehicles owned by residents of the area
 *       ({@code (Person)-[:OWNS]->(Vehicle)}, {@code (Person)-[:RESIDES_AT]->(Address)}, the address's grid by
 *       {@code IN_BUILDING}/{@code IN_GRID} and its community by {@code IN_COMMUNITY}, else its grid's); 0 by day.</li>
 *   <li><b>Observed demand</b> at {@code h}: over the lots counted in supply at {@code h}, the sum of their occupancy
 *       statistic: per day, the mean of the lot's occupancy readings ({@code ParkingObservation} with
 *       {@code parkingEvent = occupancy}, {@code numericResult} occupied spaces, {@code AT_PARKING_LOT}) whose
 *       {@code resultTime} falls in that hour of the day (Beijing time) within the period; over the days, the mean or
 *       a nearest-rank percentile.</li>
 *   <li><b>Demand</b> {@code = max(resident, observed)} (resident cars parked in the area are among the observed
 *       ones, so the two are not added); <b>gap</b> {@code = demand - supply}, positive is a shortage.</li>
 *   <li><b>Matches</b>, per kind of area and hour: short areas, largest gap first (then by code), take from lots
 *       outside the area that have readings at that hour, nearest first (haversine from the area's centroid, within
 *       {@link ParkingSettings#maxDistanceMetres}; ties by code), {@code min(still needed, lot's idle spaces not yet
 *       allotted, surplus of the lot's own area not yet allotted)}. A lot of a short area gives nothing.</li>
 * </ul>
 * A caseworker's scope limits it to the grids of her communities, their lots and their residents' vehicles.
 */
public final class ParkingBalance {
    /** The zone of the hours of the day: Beijing time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The parking event of an occupancy reading. */
    public static final String OCCUPANCY = "occupancy";

    static final String GRIDS = """
            MATCH (g:Grid)
            OPTIONAL MATCH (g)-[:PART_OF_COMMUNITY]->(c:Community)
            WITH g, c WHERE $communities IS NULL OR c.code IN $communities
            RETURN g.code AS code, g.name AS name, g.boundary AS boundary, c.code AS community, c.name AS communityName
            ORDER BY code""";
    static final String COMMUNITIES = """
            MATCH (c:Community) WHERE c.code IN $codes RETURN c.code AS code, c.name AS name""";
    static final String LOTS = """
            MATCH (l:ParkingLot)
            OPTIONAL MATCH (l)-[:LOT_IN_GRID]->(g:Grid)
            OPTIONAL MATCH (g)-[:PART_OF_COMMUNITY]->(c:Community)
            WITH l, g, c WHERE $communities IS NULL OR c.code IN $communities
            RETURN l.code AS code, l.name AS name, l.kind AS kind, l.capacity AS spaces, l.sharedFromHour AS sharedFrom,
                   l.sharedUntilHour AS sharedUntil, l.latitude AS latitude, l.longitude AS longitude, g.code AS grid,
                   c.code AS community, [(r:SourceRecord)-[:RESOLVES_TO]->(l) | r.uid] AS records
            ORDER BY code""";
    static final String READINGS = """
            MATCH (o:ParkingObservation) WHERE o.resultTime >= $from AND o.resultTime < $to
              AND o.parkingEvent = $event AND o.numericResult IS NOT NULL
            MATCH (o)-[:AT_PARKING_LOT]->(l:ParkingLot) WHERE l.code IN $lots
            RETURN l.code AS lot, o.resultTime AS at, o.numericResult AS occupied,
                   [(r:SourceRecord)-[:RESOLVES_TO]->(o) | r.uid] AS records""";
    static final String VEHICLES = """
            MATCH (p:Person)-[o:OWNS]->(v:Vehicle)
            WHERE (o.validFrom IS NULL OR o.validFrom <= $day) AND (o.validTo IS NULL OR o.validTo > $day)
            MATCH (p)-[:RESIDES_AT]->(a:Address)
            WITH v, a, head([(a)-[:IN_BUILDING]->(:Building)-[:IN_GRID]->(g:Grid) | g]) AS g
            WITH v, g, coalesce(head([(a)-[:IN_COMMUNITY]->(c:Community) | c.code]),
                                head([(g)-[:PART_OF_COMMUNITY]->(c:Community) | c.code])) AS community
            WHERE community IS NOT NULL AND ($communities IS NULL OR community IN $communities)
            RETURN v.plate AS plate, g.code AS grid, community, [(r:SourceRecord)-[:RESOLVES_TO]->(v) | r.uid] AS records""";

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final Reads reads;

    /** @param driver the hub's driver */
    public ParkingBalance(Driver driver) {
        this(driver, null);
    }

    /**
     * @param driver  the hub's driver
     * @param timeout the longest one read may run, or null for the server's default
     */
    public ParkingBalance(Driver driver, Duration timeout) {
        this.reads = new Reads(Objects.requireNonNull(driver, "driver"), timeout);
    }

    /** @return whether {@code hour} lies in {@code [from, until)}, wrapping past midnight when {@code until <= from} */
    static boolean inHours(int hour, int from, int until) {
        return from < until ? hour >= from && hour < until : hour >= from || hour < until;
    }

    private record GridRow(String code, String name, String boundary, Geometry shape, String community) {
    }

    private record Vehicle(String plate, String grid, String community, List<String> records) {
    }

    /**
     * Computes the balance of every area in scope.
     *
     * @param period   the occupancy readings counted (resident vehicles: ownership valid on the period's last day)
     * @param settings the rules
     * @param scope    the communities read
     * @return the report
     * @throws IllegalArgumentException if a grid's boundary is not a WKT polygon
     */
    public ParkingReport compute(Period period, ParkingSettings settings, CommunityScope scope) {
        Objects.requireNonNull(settings, "settings");
        Map<String, GridRow> grids = new LinkedHashMap<>();
        Map<String, String> communityNames = new TreeMap<>();
        for (Record r : read(GRIDS, Map.of(), scope)) {
            String code = r.get("code").asString();
            String boundary = text(r.get("boundary"));
            grids.put(code, new GridRow(code, text(r.get("name")), boundary, GridBoundaries.parse(code, boundary), text(r.get("community"))));
            if (!r.get("community").isNull()) {
                communityNames.put(r.get("community").asString(), text(r.get("communityName")));
            }
        }
        List<Record> lotRows = read(LOTS, Map.of(), scope);
        List<Vehicle> vehicles = read(VEHICLES, Map.of("day", period.to().minusNanos(1).atZone(ZONE).toLocalDate()), scope).stream()
                .map(r -> new Vehicle(r.get("plate").asString(), text(r.get("grid")), r.get("community").asString(),
                        r.get("records").asList(Value::asString))).toList();
        vehicles.forEach(v -> communityNames.putIfAbsent(v.community(), null));
        for (Record r : lotRows) {
            if (!r.get("community").isNull()) {
                communityNames.putIfAbsent(r.get("community").asString(), null);
            }
        }
        if (communityNames.containsValue(null)) {
            read(COMMUNITIES, Map.of("codes", new ArrayList<>(communityNames.keySet())), scope)
                    .forEach(r -> communityNames.put(r.get("code").asString(), text(r.get("name"))));
        }
        List<String> lotCodes = lotRows.stream().map(r -> r.get("code").asString()).toList();
        // lot -> hour -> day -> readings; lot -> hour -> record uids
        Map<String, Map<Integer, Map<LocalDate, List<Double>>>> readings = new HashMap<>();
        Map<String, Map<Integer, TreeSet<String>>> readingRecords = new HashMap<>();
        for (Record r : read(READINGS, Map.of("from", period.from().atOffset(ZoneOffset.UTC), "to",
                period.to().atOffset(ZoneOffset.UTC), "event", OCCUPANCY, "lots", lotCodes), scope)) {
            String lot = r.get("lot").asString();
            ZonedDateTime at = r.get("at").asZonedDateTime().withZoneSameInstant(ZONE);
            readings.computeIfAbsent(lot, k -> new HashMap<>()).computeIfAbsent(at.getHour(), k -> new TreeMap<>())
                    .computeIfAbsent(at.toLocalDate(), k -> new ArrayList<>()).add(r.get("occupied").asNumber().doubleValue());
            readingRecords.computeIfAbsent(lot, k -> new HashMap<>()).computeIfAbsent(at.getHour(), k -> new TreeSet<>())
                    .addAll(r.get("records").asList(Value::asString));
        }

        List<ParkingLotStatus> lots = new ArrayList<>();
        for (Record r : lotRows) {
            String code = r.get("code").asString();
            String kind = text(r.get("kind"));
            int spaces = r.get("spaces").isNull() ? 0 : r.get("spaces").asNumber().intValue();
            Integer from = r.get("sharedFrom").isNull() ? null : r.get("sharedFrom").asNumber().intValue();
            Integer until = r.get("sharedUntil").isNull() ? null : r.get("sharedUntil").asNumber().intValue();
            List<ParkingLotHour> hours = new ArrayList<>(24);
            for (int h = 0; h < 24; h++) {
                boolean counted = !"shared".equals(kind) || from != null && until != null && !from.equals(until) && inHours(h, from, until);
                int available = counted ? spaces : 0;
                Map<LocalDate, List<Double>> days = readings.getOrDefault(code, Map.of()).getOrDefault(h, Map.of());
                Double occupancy = days.isEmpty() ? null : statistic(days.values().stream()
                        .map(v -> v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toList(), settings.percentile());
                List<String> records = List.copyOf(readingRecords.getOrDefault(code, Map.of()).getOrDefault(h, new TreeSet<>()));
                hours.add(new ParkingLotHour(h, available, occupancy, days.size(),
                        occupancy == null ? null : Math.max(0, available - occupancy), records));
            }
            lots.add(new ParkingLotStatus(code, text(r.get("name")), kind, spaces, from, until, number(r.get("latitude")),
                    number(r.get("longitude")), text(r.get("grid")), text(r.get("community")),
                    r.get("records").asList(Value::asString).stream().sorted().toList(), hours));
        }

        List<ParkingArea> areas = new ArrayList<>();
        for (GridRow g : grids.values()) {
            double[] c = g.shape() == null ? null : GridBoundaries.centroid(g.shape());
            areas.add(area(new Area(Area.GRID, g.code(), g.name(), g.community()), c, g.boundary(),
                    lots.stream().filter(l -> g.code().equals(l.grid())).toList(),
                    vehicles.stream().filter(v -> g.code().equals(v.grid())).toList(), settings));
        }
        for (Map.Entry<String, String> e : communityNames.entrySet()) {
            String code = e.getKey();
            List<Geometry> shapes = grids.values().stream().filter(g -> code.equals(g.community()) && g.shape() != null)
                    .map(GridRow::shape).toList();
            Geometry union = shapes.isEmpty() ? null : FACTORY.buildGeometry(shapes).union();
            areas.add(area(new Area(Area.COMMUNITY, code, e.getValue(), code), union == null ? null : GridBoundaries.centroid(union),
                    union == null ? null : union.toText(), lots.stream().filter(l -> code.equals(l.community())).toList(),
                    vehicles.stream().filter(v -> code.equals(v.community())).toList(), settings));
        }
        List<ParkingMatch> matches = new ArrayList<>();
        for (String kind : List.of(Area.GRID, Area.COMMUNITY)) {
            List<ParkingArea> ofKind = areas.stream().filter(a -> a.area().kind().equals(kind)).toList();
            Function<ParkingLotStatus, String> areaOf = kind.equals(Area.GRID) ? ParkingLotStatus::grid : ParkingLotStatus::community;
            for (int h = 0; h < 24; h++) {
                matches.addAll(match(ofKind, lots, areaOf, h, settings));
            }
        }
        return new ParkingReport(period, settings, areas, lots, matches);
    }

    private static ParkingArea area(Area area, double[] centroid, String boundary, List<ParkingLotStatus> lots,
                                    List<Vehicle> vehicles, ParkingSettings settings) {
        List<ParkingHour> hours = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            int supply = 0;
            double observed = 0;
            List<String> counted = new ArrayList<>();
            for (ParkingLotStatus l : lots) {
                ParkingLotHour lh = l.hours().get(h);
                if (lh.available() > 0) {
                    supply += lh.available();
                    counted.add(l.code());
                    if (lh.occupancy() != null) {
                        observed += lh.occupancy();
                    }
                }
            }
            boolean night = settings.night(h);
            int resident = night ? vehicles.size() : 0;
            double demand = Math.max(resident, observed);
            hours.add(new ParkingHour(h, night, supply, resident, observed, demand, demand - supply, counted.stream().sorted().toList()));
        }
        return new ParkingArea(area, centroid == null ? null : centroid[0], centroid == null ? null : centroid[1], boundary,
                vehicles.size(), vehicles.stream().map(Vehicle::plate).sorted().toList(),
                vehicles.stream().flatMap(v -> v.records().stream()).sorted().toList(), hours);
    }

    private static List<ParkingMatch> match(List<ParkingArea> areas, List<ParkingLotStatus> lots,
                                            Function<ParkingLotStatus, String> areaOf, int h, ParkingSettings settings) {
        Map<String, Double> surplus = new HashMap<>();
        Map<String, Double> gaps = new HashMap<>();
        for (ParkingArea a : areas) {
            double gap = a.hours().get(h).gap();
            gaps.put(a.area().code(), gap);
            surplus.put(a.area().code(), Math.max(0, -gap));
        }
        Map<String, Double> idle = new HashMap<>();
        lots.forEach(l -> {
            Double i = l.hours().get(h).idle();
            if (i != null && i > 0 && l.latitude() != null && l.longitude() != null) {
                idle.put(l.code(), i);
            }
        });
        List<ParkingArea> shortAreas = areas.stream().filter(a -> a.hours().get(h).gap() > 0 && a.latitude() != null)
                .sorted(Comparator.comparingDouble((ParkingArea a) -> -a.hours().get(h).gap()).thenComparing(a -> a.area().code()))
                .toList();
        List<ParkingMatch> out = new ArrayList<>();
        for (ParkingArea a : shortAreas) {
            double gap = a.hours().get(h).gap();
            double need = gap;
            record Candidate(ParkingLotStatus lot, double distance) {
            }
            List<Candidate> candidates = lots.stream()
                    .filter(l -> idle.containsKey(l.code()) && !a.area().code().equals(areaOf.apply(l))
                            && (areaOf.apply(l) == null || gaps.getOrDefault(areaOf.apply(l), 0.0) <= 0))
                    .map(l -> new Candidate(l, Haversine.metres(a.latitude(), a.longitude(), l.latitude(), l.longitude())))
                    .filter(c -> c.distance() <= settings.maxDistanceMetres())
                    .sorted(Comparator.comparingDouble(Candidate::distance).thenComparing(c -> c.lot().code())).toList();
            for (Candidate c : candidates) {
                if (need <= 0) {
                    break;
                }
                String home = areaOf.apply(c.lot());
                double give = Math.min(need, idle.get(c.lot().code()));
                if (home != null && surplus.containsKey(home)) {
                    give = Math.min(give, surplus.get(home));
                }
                if (give <= 0) {
                    continue;
                }
                need -= give;
                idle.merge(c.lot().code(), -give, Double::sum);
                if (home != null && surplus.containsKey(home)) {
                    surplus.merge(home, -give, Double::sum);
                }
                out.add(new ParkingMatch(a.area(), h, gap, c.lot().code(), c.lot().name(), home, c.distance(),
                        c.lot().hours().get(h).idle(), give));
            }
        }
        return out;
    }

    /** The mean, or the nearest-rank percentile: the smallest value with at least {@code p} % of the values at or below it. */
    static double statistic(List<Double> values, Double percentile) {
        if (percentile == null) {
            return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    private List<Record> read(String statement, Map<String, Object> params, CommunityScope scope) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("communities", scope.parameter());
        return reads.list(statement, all, r -> r);
    }

    private static String text(Value v) {
        return v.isNull() ? null : v.asString();
    }

    private static Double number(Value v) {
        return v.isNull() ? null : v.asNumber().doubleValue();
    }
}
