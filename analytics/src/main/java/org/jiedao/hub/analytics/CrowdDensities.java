package org.jiedao.hub.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.neo4j.driver.Driver;

/**
 * Crowd density per zone and bucket, computed from the crowd counters' observations in the graph (docs/analytics.md,
 * "Crowd density"). An observation is an {@code Observation} with a {@code numericResult} (the people the counter
 * sees now) and a {@code resultTime}, linked {@code MADE_BY_SENSOR} to the {@code Sensor} of a zone's device id.
 *
 * <p>A sensor's count in a bucket is the mean of its observations in {@code [start, start + bucket)}; a sensor with
 * none there keeps its latest count of the {@code carryForward} buckets before (counters that report every few
 * minutes), else it is missing. The zone's head count is the sum of its sensors' counts; with no count at all the
 * bucket is unknown ({@code NaN}). Reads only; thread-safe.
 */
public final class CrowdDensities {
    private final Reads reads;
    private final CrowdSettings settings;

    /**
     * @param driver   the hub's driver
     * @param settings the bucket length and carry-forward rule
     * @param timeout  the longest one read may run, or null for the server's default
     */
    public CrowdDensities(Driver driver, CrowdSettings settings, java.time.Duration timeout) {
        this.reads = new Reads(Objects.requireNonNull(driver, "driver"), timeout);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param zone   the zone
     * @param period the buckets wanted: every bucket whose start lies in {@code [from, to)} (bucket-aligned down)
     * @return one bucket per bucket start, oldest first, unknown ones included
     */
    public List<CrowdBucket> buckets(CrowdZone zone, Period period) {
        Instant first = settings.bucketStart(period.from());
        long ms = settings.bucket().toMillis();
        Instant readFrom = first.minusMillis(ms * settings.carryForward());
        List<Object[]> rows = observations(zone, readFrom, period.to().isAfter(first) ? settings.bucketStart(period.to().minusMillis(1)).plusMillis(ms) : first);
        // per sensor: bucket start (ms) -> [sum, n]
        Map<String, TreeMap<Long, double[]>> perSensor = new HashMap<>();
        for (Object[] r : rows) {
            long b = Math.floorDiv(((Instant) r[1]).toEpochMilli(), ms) * ms;
            double[] acc = perSensor.computeIfAbsent((String) r[0], s -> new TreeMap<>()).computeIfAbsent(b, x -> new double[2]);
            acc[0] += (Double) r[2];
            acc[1]++;
        }
        List<CrowdBucket> out = new ArrayList<>();
        for (Instant b = first; b.isBefore(period.to()); b = b.plusMillis(ms)) {
            long key = b.toEpochMilli();
            double people = 0;
            boolean any = false;
            int observations = 0;
            List<String> carried = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String sensor : zone.sensors()) {
                TreeMap<Long, double[]> series = perSensor.getOrDefault(sensor, new TreeMap<>());
                double[] here = series.get(key);
                if (here != null) {
                    people += here[0] / here[1];
                    observations += (int) here[1];
                    any = true;
                    continue;
                }
                Map.Entry<Long, double[]> before = series.lowerEntry(key);
                if (before != null && key - before.getKey() <= ms * settings.carryForward()) {
                    people += before.getValue()[0] / before.getValue()[1];
                    carried.add(sensor);
                    any = true;
                } else {
                    missing.add(sensor);
                }
            }
            double count = any ? people : Double.NaN;
            out.add(new CrowdBucket(zone.code(), b, count, any ? zone.density(count) : Double.NaN, observations, carried, missing));
        }
        return out;
    }

    /**
     * The source records behind one bucket's count: for explaining a number down to the counters' messages.
     *
     * @param zone  the zone
     * @param start a bucket start
     * @return the uids ({@code source:recordKey}) of the records of the zone's observations in that bucket, sorted
     */
    public List<String> records(CrowdZone zone, Instant start) {
        Instant from = settings.bucketStart(start);
        return reads.list("""
                MATCH (o:Observation) USING INDEX o:Observation(resultTime)
                WHERE o.resultTime >= $from AND o.resultTime < $to
                MATCH (o)-[:MADE_BY_SENSOR]->(s:Sensor) WHERE s.deviceId IN $sensors
                MATCH (r:SourceRecord)-[:RESOLVES_TO]->(o)
                RETURN DISTINCT r.uid AS uid ORDER BY uid
                """, Map.of("from", from.atOffset(ZoneOffset.UTC), "to", from.plus(settings.bucket()).atOffset(ZoneOffset.UTC),
                "sensors", zone.sensors()), r -> r.get("uid").asString());
    }

    private List<Object[]> observations(CrowdZone zone, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        return reads.list("""
                MATCH (o:Observation) USING INDEX o:Observation(resultTime)
                WHERE o.resultTime >= $from AND o.resultTime < $to AND o.numericResult IS NOT NULL
                MATCH (o)-[:MADE_BY_SENSOR]->(s:Sensor) WHERE s.deviceId IN $sensors
                RETURN s.deviceId AS sensor, o.resultTime AS at, o.numericResult AS value
                """, Map.of("from", from.atOffset(ZoneOffset.UTC), "to", to.atOffset(ZoneOffset.UTC), "sensors", zone.sensors()),
                r -> new Object[] {r.get("sensor").asString(), r.get("at").asZonedDateTime().toInstant(), r.get("value").asNumber().doubleValue()});
    }
}
