package org.jiedao.hub.analytics;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How crowd density is kept, forecast and alerted on (docs/analytics.md, "Crowd density"); read from
 * {@code config/crowd.yaml}.
 *
 * @param bucket        the length of a density bucket (5 minutes); buckets start at multiples of it from the epoch
 * @param horizon       how far ahead a forecast looks (30 minutes); a whole number of buckets
 * @param season        the seasonal period of the forecast (1 day); a whole number of buckets
 * @param levelBuckets  how many recent buckets the forecast's level correction averages (at least 1)
 * @param clearAfter    how many consecutive buckets must lie below a zone's {@code clearBelow} before an alert
 *                      clears (at least 1)
 * @param carryForward  how many buckets a sensor's last count stands in for it when it sent nothing (0: never)
 * @param grace         how long after a bucket's end the monitor waits for late counts before it closes the bucket
 * @param zones         the zones, with unique codes
 * @throws IllegalArgumentException if a duration is not positive or not a whole number of buckets, or zone codes
 *                                  repeat
 */
public record CrowdSettings(Duration bucket, Duration horizon, Duration season, int levelBuckets, int clearAfter,
                            int carryForward, Duration grace, List<CrowdZone> zones) {
    /** The defaults: 5-minute buckets, 30-minute horizon, daily season, 6 level buckets, clear after 2, carry 2, 1 min grace. */
    public static CrowdSettings defaults(List<CrowdZone> zones) {
        return new CrowdSettings(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofDays(1), 6, 2, 2,
                Duration.ofMinutes(1), zones);
    }

    /** Checks the values. */
    public CrowdSettings {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isNegative() || bucket.isZero()) {
            throw new IllegalArgumentException("crowd: bucket must be positive, was " + bucket);
        }
        whole("horizon", horizon, bucket);
        whole("season", season, bucket);
        if (levelBuckets < 1 || clearAfter < 1 || carryForward < 0) {
            throw new IllegalArgumentException("crowd: levelBuckets and clearAfter must be at least 1, carryForward at least 0");
        }
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("crowd: grace must not be negative, was " + grace);
        }
        zones = List.copyOf(zones);
        Set<String> codes = new HashSet<>();
        for (CrowdZone z : zones) {
            if (!codes.add(z.code())) {
                throw new IllegalArgumentException("crowd: zone code " + z.code() + " is declared twice");
            }
        }
    }

    private static void whole(String name, Duration d, Duration bucket) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("crowd: " + name + " must be a positive whole number of buckets (" + bucket + "), was " + d);
        }
    }

    /** @return the horizon in buckets */
    public int horizonBuckets() {
        return (int) (horizon.toMillis() / bucket.toMillis());
    }

    /** @return the season in buckets */
    public int seasonBuckets() {
        return (int) (season.toMillis() / bucket.toMillis());
    }

    /**
     * @param code a zone code
     * @return the zone, if declared
     */
    public Optional<CrowdZone> zone(String code) {
        return zones.stream().filter(z -> z.code().equals(code)).findFirst();
    }

    /**
     * @param t an instant
     * @return the start of the bucket holding it
     */
    public java.time.Instant bucketStart(java.time.Instant t) {
        long ms = bucket.toMillis();
        return java.time.Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }
}
