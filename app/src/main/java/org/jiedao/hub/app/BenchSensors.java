package org.jiedao.hub.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jiedao.hub.analytics.CrowdSettings;
import org.jiedao.hub.analytics.CrowdZone;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * A month of sensor data for the analytics benchmark ({@code hub bench analytics}), written straight in the shapes
 * the record writer gives the example sources ({@code config/examples/crowd-mqtt.yaml}, {@code patrol-amqp.yaml}):
 * each observation a node with its {@code SourceRecord} ({@code RESOLVES_TO}), crowd counts {@code MADE_BY_SENSOR}
 * their counter, position reports ({@code Observation:PatrolPositionReport}) {@code POSITION_OF} their member.
 *
 * <ul>
 *   <li>Grids: four 0.005° boxes per community (WKT boundaries), side by side from 116.30° E, 39.88° N.</li>
 *   <li>Crowd: {@code counters} counters, four per zone, zones spread over the communities, each counting once a
 *       minute around the clock with a daily profile (night 0.2, evening peak 1.4 persons/m²).</li>
 *   <li>Patrols: {@code members} members, one grid each, reporting every 30 s from 08:00 to 20:00 Beijing time,
 *       on a random walk inside their grid.</li>
 * </ul>
 * Deterministic for a seed. Bulk {@code UNWIND ... CREATE} statements, so for a graph without these nodes only.
 */
final class BenchSensors {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int BATCH = 20_000;
    private static final double BOX = 0.005;
    private final Driver driver;
    private final List<String> communities;
    private final LocalDate firstDay;
    private final int days;
    private final int counters;
    private final int members;
    private final long seed;

    /**
     * @param driver      the bench graph's driver
     * @param communities the district's community codes (grids and zones are spread over them)
     * @param firstDay    the first day of data (Beijing)
     * @param days        days of data
     * @param counters    crowd counters (a multiple of 4)
     * @param members     patrol members
     * @param seed        the seed
     */
    BenchSensors(Driver driver, List<String> communities, LocalDate firstDay, int days, int counters, int members, long seed) {
        this.driver = driver;
        this.communities = List.copyOf(communities);
        this.firstDay = firstDay;
        this.days = days;
        this.counters = counters;
        this.members = members;
        this.seed = seed;
    }

    /** @return the zones of the counters, four counters each, threshold 2.0 and clearing 1.5 persons/m² */
    CrowdSettings crowdSettings() {
        List<CrowdZone> zones = new ArrayList<>();
        for (int z = 0; z < counters / 4; z++) {
            List<String> sensors = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sensors.add(counter(z * 4 + i));
            }
            zones.add(new CrowdZone("BZ-%03d".formatted(z), "区域" + z, communities.get(z % communities.size()), 2000, sensors, 2.0, 1.5));
        }
        return CrowdSettings.defaults(zones);
    }

    /** @return the start of the data */
    Instant start() {
        return firstDay.atStartOfDay(BEIJING).toInstant();
    }

    /** @return the end of the data (exclusive) */
    Instant end() {
        return firstDay.plusDays(days).atStartOfDay(BEIJING).toInstant();
    }

    /** @return a member number */
    static String member(int i) {
        return "BP-%04d".formatted(i);
    }

    /**
     * @return whether the graph holds exactly this data: the last count of the last counter and the last report of the
     *         last member of the configured days, and no counter or member beyond the configured numbers (an earlier
     *         run of another size is not this data)
     */
    boolean isLoaded() {
        Instant lastMinute = end().minusSeconds(30);
        Instant lastReport = firstDay.plusDays(days - 1L).atTime(20, 0).atZone(BEIJING).toInstant().minusSeconds(30);
        try (Session s = driver.session()) {
            return s.run("""
                    RETURN EXISTS { MATCH (:Observation {observationId: $count}) } AND EXISTS { MATCH (:Observation {observationId: $report}) }
                       AND NOT EXISTS { MATCH (:Sensor {deviceId: $extraCounter}) } AND NOT EXISTS { MATCH (:PatrolMember {memberNumber: $extraMember}) } AS loaded
                    """, Map.of("count", counter(counters - 1) + "-" + lastMinute.getEpochSecond(),
                    "report", member(members - 1) + "-" + lastReport.getEpochSecond(),
                    "extraCounter", counter(counters), "extraMember", member(members))).single().get("loaded").asBoolean();
        }
    }

    /** @return the observations {@link #write} creates */
    long observations() {
        long minutes = Duration.ofDays(days).toMinutes();
        return counters * minutes + (long) members * days * 12 * 60 * 2;
    }

    /**
     * Writes grids, counters, members and the observations.
     *
     * @param threads concurrent write transactions
     * @param out     where progress goes
     * @return the observations written
     */
    long write(int threads, PrintStream out) throws Exception {
        clear(out);
        try (Session s = driver.session()) {
            List<Map<String, Object>> grids = new ArrayList<>();
            for (int c = 0; c < communities.size(); c++) {
                for (int g = 0; g < 4; g++) {
                    double lon = 116.30 + (c * 4 + g) % 40 * BOX;
                    double lat = 39.88 + (c * 4 + g) / 40 * BOX;
                    grids.add(Map.of("code", "BG-%03d-%d".formatted(c, g), "community", communities.get(c), "boundary",
                            String.format(Locale.ROOT, "POLYGON((%.4f %.4f, %.4f %.4f, %.4f %.4f, %.4f %.4f, %.4f %.4f))",
                                    lon, lat, lon + BOX, lat, lon + BOX, lat + BOX, lon, lat + BOX, lon, lat)));
                }
            }
            s.run("""
                    UNWIND $grids AS g MATCH (c:Community {code: g.community})
                    CREATE (:Grid {code: g.code, name: g.code, boundary: g.boundary})-[:PART_OF_COMMUNITY]->(c)
                    """, Map.of("grids", grids)).consume();
            List<Map<String, Object>> people = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                people.add(Map.of("member", member(m), "grid", grids.get(m % grids.size()).get("code")));
            }
            s.run("UNWIND $m AS m MATCH (g:Grid {code: m.grid}) CREATE (:PatrolMember {memberNumber: m.member, name: m.member})-[:PATROLS]->(g)",
                    Map.of("m", people)).consume();
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < counters; i++) {
                devices.add(counter(i));
            }
            s.run("UNWIND $d AS d CREATE (:Sensor {deviceId: d, kind: 'crowd'})", Map.of("d", devices)).consume();
        }
        long written = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads))) {
            List<Future<Long>> work = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                LocalDate day = firstDay.plusDays(d);
                work.add(pool.submit(() -> crowdDay(day) + patrolDay(day)));
            }
            for (int i = 0; i < work.size(); i++) {
                written += work.get(i).get();
                out.printf("  sensor data: day %d of %d written (%,d observations so far)%n", i + 1, days, written);
            }
        }
        return written;
    }

    /**
     * Removes the bench's sensor data of an earlier run (an interrupted load, or another size), in transactions of
     * 10,000 records: the observations written for {@code crowd-counters} and {@code patrol-positions} with their
     * records, and the bench's grids ({@code BG-}), members ({@code BP-}) and counters ({@code BC-}).
     */
    void clear(PrintStream out) {
        try (Session s = driver.session()) {
            long n = s.run("MATCH (r:SourceRecord) WHERE r.source IN ['crowd-counters', 'patrol-positions'] RETURN count(r) AS n")
                    .single().get("n").asLong();
            if (n > 0) {
                out.printf("  removing %,d observations of an earlier run%n", n);
                s.run("""
                        MATCH (r:SourceRecord) WHERE r.source IN ['crowd-counters', 'patrol-positions']
                        CALL { WITH r OPTIONAL MATCH (r)-[:RESOLVES_TO]->(o) DETACH DELETE o, r } IN TRANSACTIONS OF 10000 ROWS
                        """).consume();
            }
            s.run("""
                    MATCH (n) WHERE (n:Grid AND n.code STARTS WITH 'BG-') OR (n:PatrolMember AND n.memberNumber STARTS WITH 'BP-')
                       OR (n:Sensor AND n.deviceId STARTS WITH 'BC-')
                    DETACH DELETE n
                    """).consume();
        }
    }

    private long crowdDay(LocalDate day) {
        SplittableRandom rng = new SplittableRandom(seed ^ day.toEpochDay() * 31);
        List<Map<String, Object>> rows = new ArrayList<>(BATCH);
        long n = 0;
        Instant t0 = day.atStartOfDay(BEIJING).toInstant();
        for (int minute = 0; minute < 1440; minute++) {
            double hour = minute / 60.0;
            double density = 0.2 + 0.5 * bump(hour, 12.5, 1) + 1.2 * bump(hour, 19, 1.2);
            Instant at = t0.plusSeconds(minute * 60L + 30);
            for (int c = 0; c < counters; c++) {
                long count = Math.round(density * 500 * (0.9 + 0.2 * rng.nextDouble()));
                String id = counter(c) + "-" + at.getEpochSecond();
                rows.add(Map.of("id", id, "device", counter(c), "at", at.atOffset(ZoneOffset.UTC), "value", (double) count));
                if (rows.size() == BATCH) {
                    n += flushCrowd(rows);
                }
            }
        }
        return n + flushCrowd(rows);
    }

    private long flushCrowd(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (Session s = driver.session()) {
            s.executeWriteWithoutResult(tx -> tx.run("""
                    UNWIND $rows AS row MATCH (sensor:Sensor {deviceId: row.device})
                    CREATE (o:Observation {observationId: row.id, resultTime: row.at, numericResult: row.value})-[:MADE_BY_SENSOR]->(sensor)
                    CREATE (:SourceRecord {uid: 'crowd-counters:' + row.id, source: 'crowd-counters', recordKey: row.id})-[:RESOLVES_TO {rule: 'key', score: 1.0}]->(o)
                    """, Map.of("rows", rows)).consume());
        }
        long n = rows.size();
        rows.clear();
        return n;
    }

    private long patrolDay(LocalDate day) {
        SplittableRandom rng = new SplittableRandom(seed ^ day.toEpochDay() * 17 + 5);
        List<Map<String, Object>> rows = new ArrayList<>(BATCH);
        long n = 0;
        Instant t0 = day.atTime(8, 0).atZone(BEIJING).toInstant();
        Map<Integer, double[]> where = new HashMap<>();
        for (int step = 0; step < 12 * 120; step++) {
            Instant at = t0.plusSeconds(step * 30L);
            for (int m = 0; m < members; m++) {
                int grid = m % (communities.size() * 4);
                double lon0 = 116.30 + grid % 40 * BOX;
                double lat0 = 39.88 + grid / 40 * BOX;
                double[] p = where.computeIfAbsent(m, k -> new double[] {lon0 + BOX / 2, lat0 + BOX / 2});
                p[0] = Math.min(lon0 + BOX * 0.99, Math.max(lon0 + BOX * 0.01, p[0] + (rng.nextDouble() - 0.5) * BOX / 10));
                p[1] = Math.min(lat0 + BOX * 0.99, Math.max(lat0 + BOX * 0.01, p[1] + (rng.nextDouble() - 0.5) * BOX / 10));
                String id = member(m) + "-" + at.getEpochSecond();
                rows.add(Map.of("id", id, "member", member(m), "at", at.atOffset(ZoneOffset.UTC), "lat", p[1], "lon", p[0]));
                if (rows.size() == BATCH) {
                    n += flushPatrol(rows);
                }
            }
        }
        return n + flushPatrol(rows);
    }

    private long flushPatrol(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (Session s = driver.session()) {
            s.executeWriteWithoutResult(tx -> tx.run("""
                    UNWIND $rows AS row MATCH (m:PatrolMember {memberNumber: row.member})
                    CREATE (o:Observation:PatrolPositionReport {observationId: row.id, resultTime: row.at, latitude: row.lat, longitude: row.lon})-[:POSITION_OF]->(m)
                    CREATE (:SourceRecord {uid: 'patrol-positions:' + row.id, source: 'patrol-positions', recordKey: row.id})-[:RESOLVES_TO {rule: 'key', score: 1.0}]->(o)
                    """, Map.of("rows", rows)).consume());
        }
        long n = rows.size();
        rows.clear();
        return n;
    }

    private static String counter(int i) {
        return "BC-%04d".formatted(i);
    }

    private static double bump(double x, double mean, double sigma) {
        double z = (x - mean) / sigma;
        return Math.exp(-0.5 * z * z);
    }
}
