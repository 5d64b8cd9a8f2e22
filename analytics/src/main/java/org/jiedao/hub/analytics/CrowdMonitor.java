package org.jiedao.hub.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Keeps crowd density per zone per bucket and raises alerts on it (issue 8, item 4; docs/analytics.md, "Crowd
 * density"). Each {@link #evaluate(Instant)} closes the buckets that ended at least {@code grace} ago, computes their
 * density from the counters' observations ({@link CrowdDensities}), forecasts the horizon with
 * {@link SeasonalNaiveForecast} over the kept densities, moves each zone's {@link CrowdState} and hands every alert
 * raised to the sink, after the transaction that records it has committed.
 *
 * <p><b>What it keeps.</b> Unlike the other analytics it writes, but only nodes of its own labels, never source
 * data: {@code CrowdDensity {id: zone|start, zone, start, people, density, forecastMax, observations, missing}} per
 * zone and bucket, {@code CrowdZoneState {zone, level, below, lastBucket}} per zone and
 * {@code CrowdAlert {id, zone, kind, bucket, density, forecastMax, threshold, clearBelow, raisedAt}} per alert.
 * A zone's buckets, state and alerts of one evaluation are written in one transaction, which first checks that the
 * zone's {@code lastBucket} is still the one it read: when two hubs share the graph (DESIGN.md, "Scale") only one
 * of them closes a bucket; the other's transaction changes nothing.
 *
 * <p><b>Start.</b> A zone without a state (first start) or whose last bucket is more than a season old (the hub was
 * stopped) is warmed up: the season before the last closed bucket is computed and kept without alerting, then the
 * last closed bucket is evaluated with alerts from the {@code NORMAL} level, so a hub started during a crowd alerts at
 * once; a restart within a season goes on from the kept level and neither repeats nor loses an alert of a bucket.
 *
 * <p>Thread-safe for one caller at a time per process.
 */
public final class CrowdMonitor {
    /** Receives raised alerts. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param alert an alert whose record has committed; called once per alert, in bucket order per zone
         */
        void raised(CrowdAlert alert);
    }

    private final Driver driver;
    private final CrowdSettings settings;
    private final CrowdDensities densities;
    private final Sink sink;

    /**
     * @param driver   the hub's driver
     * @param settings zones, buckets and rules
     * @param sink     where raised alerts go (the hub: the alert feed and the audit trail)
     */
    public CrowdMonitor(Driver driver, CrowdSettings settings, Sink sink) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.densities = new CrowdDensities(driver, settings, null);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Creates the uniqueness constraints and indexes of the monitor's nodes (idempotent) and publishes the zones and
     * the bucket rules as {@code CrowdZone} nodes, so that every reader of the graph (the API of any hub process)
     * computes densities with the configuration the monitor uses ({@link #published}); zones no longer declared are
     * removed (their densities and alerts stay).
     */
    public void prepare() {
        List<Map<String, Object>> zones = settings.zones().stream().map(z -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", z.code());
            m.put("name", z.name());
            m.put("community", z.community());
            m.put("areaSquareMetres", z.areaSquareMetres());
            m.put("sensors", z.sensors());
            m.put("threshold", z.threshold());
            m.put("clearBelow", z.clearBelow());
            m.put("bucketSeconds", settings.bucket().toSeconds());
            m.put("carryForward", settings.carryForward());
            return m;
        }).toList();
        try (Session s = driver.session()) {
            s.run("CREATE CONSTRAINT crowd_density_id IF NOT EXISTS FOR (d:CrowdDensity) REQUIRE d.id IS UNIQUE").consume();
            s.run("CREATE CONSTRAINT crowd_alert_id IF NOT EXISTS FOR (a:CrowdAlert) REQUIRE a.id IS UNIQUE").consume();
            s.run("CREATE CONSTRAINT crowd_zone_state IF NOT EXISTS FOR (z:CrowdZoneState) REQUIRE z.zone IS UNIQUE").consume();
            s.run("CREATE INDEX crowd_density_zone_start IF NOT EXISTS FOR (d:CrowdDensity) ON (d.zone, d.start)").consume();
            s.run("CREATE INDEX crowd_alert_bucket IF NOT EXISTS FOR (a:CrowdAlert) ON (a.bucket)").consume();
            s.run("CREATE CONSTRAINT crowd_zone_code IF NOT EXISTS FOR (z:CrowdZone) REQUIRE z.code IS UNIQUE").consume();
            s.executeWriteWithoutResult(tx -> {
                tx.run("UNWIND $zones AS z MERGE (c:CrowdZone {code: z.code}) SET c += z", Map.of("zones", zones)).consume();
                tx.run("MATCH (c:CrowdZone) WHERE NOT c.code IN $codes DELETE c",
                        Map.of("codes", settings.zones().stream().map(CrowdZone::code).toList())).consume();
            });
        }
    }

    /**
     * The zones and bucket rules a monitor published ({@link #prepare}); the other rules take their defaults.
     *
     * @param driver the hub's driver
     * @return the published settings, with no zones when no monitor has run
     */
    public static CrowdSettings published(Driver driver) {
        try (Session s = driver.session()) {
            List<Record> rows = s.executeRead(tx -> tx.run("MATCH (z:CrowdZone) RETURN z ORDER BY z.code").list());
            CrowdSettings d = CrowdSettings.defaults(List.of());
            java.time.Duration bucket = d.bucket();
            int carry = d.carryForward();
            List<CrowdZone> zones = new ArrayList<>();
            for (Record r : rows) {
                org.neo4j.driver.types.Node z = r.get("z").asNode();
                bucket = java.time.Duration.ofSeconds(z.get("bucketSeconds").asLong(bucket.toSeconds()));
                carry = z.get("carryForward").asInt(carry);
                zones.add(new CrowdZone(z.get("code").asString(), z.get("name").asString(null), z.get("community").asString(null),
                        z.get("areaSquareMetres").asDouble(), z.get("sensors").asList(Value::asString), z.get("threshold").asDouble(),
                        z.get("clearBelow").asDouble()));
            }
            return new CrowdSettings(bucket, d.horizon(), d.season(), d.levelBuckets(), d.clearAfter(), carry, d.grace(), zones);
        }
    }

    /** @return the settings */
    public CrowdSettings settings() {
        return settings;
    }

    /**
     * Closes every bucket that ended at least {@code grace} before {@code now} and was not closed yet, in every zone.
     *
     * @param now the current time
     * @return the alerts raised, per zone in bucket order
     */
    public List<CrowdAlert> evaluate(Instant now) {
        Instant lastClosed = settings.bucketStart(now.minus(settings.grace())).minus(settings.bucket());
        List<CrowdAlert> raised = new ArrayList<>();
        for (CrowdZone zone : settings.zones()) {
            raised.addAll(evaluate(zone, lastClosed, now));
        }
        return raised;
    }

    private List<CrowdAlert> evaluate(CrowdZone zone, Instant lastClosed, Instant now) {
        long ms = settings.bucket().toMillis();
        int season = settings.seasonBuckets();
        Object[] stored = state(zone.code());
        Instant lastBucket = (Instant) stored[0];
        CrowdState state = (CrowdState) stored[1];
        Instant firstAlerting;
        Instant firstComputed;
        if (lastBucket == null || lastBucket.isBefore(lastClosed.minusMillis(ms * season))) {
            firstAlerting = lastClosed;
            firstComputed = lastClosed.minusMillis(ms * season);
            state = CrowdState.NORMAL; // a level from before a long stop says nothing of now: a crowd still there alerts again
        } else if (!lastBucket.isBefore(lastClosed)) {
            return List.of();
        } else {
            firstAlerting = lastBucket.plusMillis(ms);
            firstComputed = firstAlerting;
        }
        Instant historyFrom = firstComputed.minusMillis(ms * (season + settings.levelBuckets()));
        Map<Instant, Double> history = new HashMap<>(keptDensities(zone.code(), historyFrom, firstComputed));
        List<CrowdBucket> fresh = densities.buckets(zone, new Period(firstComputed, lastClosed.plusMillis(ms)));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<CrowdAlert> alerts = new ArrayList<>();
        for (CrowdBucket b : fresh) {
            history.put(b.start(), b.density());
            double forecastMax = SeasonalNaiveForecast.max(SeasonalNaiveForecast.forecast(
                    series(history, b.start(), season + settings.levelBuckets()), season, settings.horizonBuckets(), settings.levelBuckets()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", zone.code() + "|" + b.start());
            row.put("start", b.start().atOffset(ZoneOffset.UTC));
            row.put("people", b.known() ? b.people() : null);
            row.put("density", b.known() ? b.density() : null);
            row.put("forecastMax", Double.isNaN(forecastMax) ? null : forecastMax);
            row.put("observations", b.observations());
            row.put("missing", b.missing());
            rows.add(row);
            if (b.start().isBefore(firstAlerting)) {
                continue;
            }
            CrowdState.Step step = state.step(b.density(), forecastMax, zone, settings.clearAfter());
            state = step.next();
            if (step.alert() != null) {
                alerts.add(new CrowdAlert(zone.code() + "|" + b.start() + "|" + step.alert(), zone.code(), zone.name(), zone.community(),
                        step.alert(), b.start(), b.density(), forecastMax, zone.threshold(), zone.clearBelow(), now));
            }
        }
        if (!record(zone, lastBucket, lastClosed, state, rows, alerts)) {
            return List.of();
        }
        alerts.forEach(sink::raised);
        return alerts;
    }

    /** The kept densities of the {@code length} buckets before {@code end} and of {@code end}, oldest first; {@code NaN} where unknown. */
    private double[] series(Map<Instant, Double> history, Instant end, int length) {
        long ms = settings.bucket().toMillis();
        double[] s = new double[length + 1];
        for (int i = 0; i <= length; i++) {
            Double d = history.get(end.minusMillis(ms * (length - i)));
            s[i] = d == null || d.isNaN() ? Double.NaN : d;
        }
        return s;
    }

    private Map<Instant, Double> keptDensities(String zone, Instant from, Instant to) {
        Map<Instant, Double> out = new HashMap<>();
        try (Session s = driver.session()) {
            s.executeRead(tx -> tx.run("""
                    MATCH (d:CrowdDensity {zone: $zone}) WHERE d.start >= $from AND d.start < $to AND d.density IS NOT NULL
                    RETURN d.start AS start, d.density AS density
                    """, Map.of("zone", zone, "from", from.atOffset(ZoneOffset.UTC), "to", to.atOffset(ZoneOffset.UTC))).list())
                    .forEach(r -> out.put(r.get("start").asZonedDateTime().toInstant(), r.get("density").asDouble()));
        }
        return out;
    }

    /** @return {lastBucket or null, state} */
    private Object[] state(String zone) {
        try (Session s = driver.session()) {
            List<Record> rows = s.executeRead(tx -> tx.run(
                    "MATCH (z:CrowdZoneState {zone: $zone}) RETURN z.lastBucket AS last, z.level AS level, z.below AS below",
                    Map.of("zone", zone)).list());
            if (rows.isEmpty()) {
                return new Object[] {null, CrowdState.NORMAL};
            }
            Record r = rows.get(0);
            return new Object[] {r.get("last").asZonedDateTime().toInstant(),
                    new CrowdState(CrowdState.Level.valueOf(r.get("level").asString()), r.get("below").asInt())};
        }
    }

    private boolean record(CrowdZone zone, Instant expectedLast, Instant lastClosed, CrowdState state,
                           List<Map<String, Object>> rows, List<CrowdAlert> alerts) {
        List<Map<String, Object>> alertRows = alerts.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("kind", a.kind());
            m.put("bucket", a.bucket().atOffset(ZoneOffset.UTC));
            m.put("density", a.density());
            m.put("forecastMax", Double.isNaN(a.forecastMax()) ? null : a.forecastMax());
            m.put("threshold", a.threshold());
            m.put("clearBelow", a.clearBelow());
            m.put("raisedAt", a.raisedAt().atOffset(ZoneOffset.UTC));
            return m;
        }).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("zone", zone.code());
        params.put("expected", expectedLast == null ? null : expectedLast.atOffset(ZoneOffset.UTC));
        params.put("last", lastClosed.atOffset(ZoneOffset.UTC));
        params.put("level", state.level().name());
        params.put("below", state.below());
        params.put("rows", rows);
        params.put("alerts", alertRows);
        try (Session s = driver.session()) {
            return s.executeWrite(tx -> {
                Value current = tx.run("OPTIONAL MATCH (z:CrowdZoneState {zone: $zone}) RETURN z.lastBucket AS last",
                        Map.of("zone", zone.code())).single().get("last");
                Instant now = current.isNull() ? null : current.asZonedDateTime().toInstant();
                if (!Objects.equals(now, expectedLast)) {
                    return false; // another hub closed these buckets first
                }
                tx.run("""
                        UNWIND $rows AS row
                        MERGE (d:CrowdDensity {id: row.id})
                        SET d.zone = $zone, d.start = row.start, d.people = row.people, d.density = row.density,
                            d.forecastMax = row.forecastMax, d.observations = row.observations, d.missing = row.missing
                        """, params).consume();
                tx.run("""
                        UNWIND $alerts AS a
                        MERGE (x:CrowdAlert {id: a.id})
                        ON CREATE SET x.zone = $zone, x.kind = a.kind, x.bucket = a.bucket, x.density = a.density,
                            x.forecastMax = a.forecastMax, x.threshold = a.threshold, x.clearBelow = a.clearBelow, x.raisedAt = a.raisedAt
                        """, params).consume();
                tx.run("""
                        MERGE (z:CrowdZoneState {zone: $zone})
                        SET z.lastBucket = $last, z.level = $level, z.below = $below
                        """, params).consume();
                return true;
            });
        }
    }
}
