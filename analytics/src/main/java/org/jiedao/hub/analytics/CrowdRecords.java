package org.jiedao.hub.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Value;

/**
 * Reads what the {@link CrowdMonitor} kept: its alerts, the forecast it made at each closed bucket, and each zone's
 * current level (docs/analytics.md, "Crowd density"). Reads only; thread-safe.
 */
public final class CrowdRecords {
    private final Reads reads;

    /**
     * @param driver  the hub's driver
     * @param timeout the longest one read may run, or null for the server's default
     */
    public CrowdRecords(Driver driver, Duration timeout) {
        this.reads = new Reads(Objects.requireNonNull(driver, "driver"), timeout);
    }

    /** A zone's alert level now. */
    public record ZoneLevel(String zone, String level, Instant lastBucket) {
    }

    /**
     * @param period the buckets wanted (by the alert's bucket start)
     * @param zones  the zone codes wanted
     * @return the alerts of those zones raised for buckets in the period, oldest first (then by zone and kind)
     */
    public List<CrowdAlert> alerts(Period period, List<String> zones) {
        return reads.list("""
                MATCH (a:CrowdAlert) WHERE a.bucket >= $from AND a.bucket < $to AND a.zone IN $zones
                OPTIONAL MATCH (z:CrowdZone {code: a.zone})
                RETURN a, z.name AS name, z.community AS community ORDER BY a.bucket, a.zone, a.kind
                """, Map.of("from", period.from().atOffset(ZoneOffset.UTC), "to", period.to().atOffset(ZoneOffset.UTC), "zones", zones), r -> {
            org.neo4j.driver.types.Node a = r.get("a").asNode();
            return new CrowdAlert(a.get("id").asString(), a.get("zone").asString(), r.get("name").asString(null),
                    r.get("community").asString(null), a.get("kind").asString(), instant(a.get("bucket")), a.get("density").asDouble(),
                    a.get("forecastMax").isNull() ? Double.NaN : a.get("forecastMax").asDouble(), a.get("threshold").asDouble(),
                    a.get("clearBelow").asDouble(), instant(a.get("raisedAt")));
        });
    }

    /**
     * @param zone   a zone code
     * @param period the buckets wanted
     * @return the largest forecast within the horizon that the monitor computed when it closed each bucket, by bucket
     *         start; buckets not closed yet, or closed without a forecast, are absent
     */
    public Map<Instant, Double> forecasts(String zone, Period period) {
        Map<Instant, Double> out = new HashMap<>();
        reads.list("""
                MATCH (d:CrowdDensity {zone: $zone}) WHERE d.start >= $from AND d.start < $to AND d.forecastMax IS NOT NULL
                RETURN d.start AS start, d.forecastMax AS f
                """, Map.of("zone", zone, "from", period.from().atOffset(ZoneOffset.UTC), "to", period.to().atOffset(ZoneOffset.UTC)),
                r -> out.put(instant(r.get("start")), r.get("f").asDouble()));
        return out;
    }

    /** @return every zone's level and last closed bucket, by zone code */
    public Map<String, ZoneLevel> levels() {
        Map<String, ZoneLevel> out = new HashMap<>();
        reads.list("MATCH (z:CrowdZoneState) RETURN z.zone AS zone, z.level AS level, z.lastBucket AS last", Map.of(),
                r -> out.put(r.get("zone").asString(), new ZoneLevel(r.get("zone").asString(), r.get("level").asString(), instant(r.get("last")))));
        return out;
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }
}
