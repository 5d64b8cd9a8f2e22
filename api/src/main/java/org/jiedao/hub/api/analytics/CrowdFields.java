package org.jiedao.hub.api.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jiedao.hub.analytics.CrowdAlert;
import org.jiedao.hub.analytics.CrowdBucket;
import org.jiedao.hub.analytics.CrowdDensities;
import org.jiedao.hub.analytics.CrowdMonitor;
import org.jiedao.hub.analytics.CrowdRecords;
import org.jiedao.hub.analytics.CrowdSettings;
import org.jiedao.hub.analytics.CrowdZone;
import org.jiedao.hub.analytics.Period;
import org.jiedao.hub.api.query.RootField;

/**
 * The crowd-density root fields of {@code Query} (issue 8, item 4; docs/analytics.md, "Crowd density"):
 * {@code crowdZones}, {@code crowdDensity}, {@code crowdAlerts} and {@code crowdRecords}. The zones and bucket rules
 * are the ones the running monitor published to the graph ({@link CrowdMonitor#published}); alerts as they happen
 * come over the {@code alerts} subscription. Densities are persons/m²; times ISO 8601.
 *
 * <p>Access: a role that reads {@code Observation} (counts are not personal data); a caseworker's community scope
 * limits every field to the zones of her communities (a zone outside it is "unknown"). {@code crowdRecords} (the
 * source records of one bucket) needs the provenance rule of {@code sources}. Every call is audited like any query.
 */
public final class CrowdFields {
    /** The longest period {@code crowdDensity} computes at once: a week of buckets. */
    static final Duration MAX_PERIOD = Duration.ofDays(7);
    private static final String TYPES = """
            \"""客流监测区域 / a crowd monitoring zone of config/crowd.yaml, with its alert level now\"""
            type CrowdZone { code: String! name: String community: String areaSquareMetres: Float! threshold: Float! clearBelow: Float! sensors: [String!]! level: String lastBucket: String }
            \"""a zone's head count and density (persons/m²) in one bucket, and the largest forecast within the horizon made when the bucket closed\"""
            type CrowdDensityBucket { start: String! people: Float density: Float forecastMax: Float observations: Int! carried: [String!]! missing: [String!]! }
            \"""an alert the crowd monitor raised: CROWD_DENSITY_FORECAST, CROWD_DENSITY_EXCEEDED or CROWD_DENSITY_CLEARED\"""
            type CrowdAlertRecord { id: ID! zone: String! zoneName: String kind: String! bucket: String! density: Float! forecastMax: Float threshold: Float! clearBelow: Float! raisedAt: String! message: String! }
            """;

    private CrowdFields() {
    }

    /** @return the crowd root fields, in schema order (the first carries the types' SDL) */
    public static List<RootField> all() {
        AnalyticsField.Check counts = (a, env) -> a.reads("Observation") ? null : "may not read Observation";
        AnalyticsField.Check records = (a, env) -> !a.reads("Observation") ? "may not read Observation"
                : a.provenance() ? null : "may not read source records";
        return List.of(
                new AnalyticsField("crowdZones", """
                          \"""the crowd monitoring zones and their alert level now\"""
                          crowdZones: [CrowdZone!]!""", TYPES, counts, CrowdFields::zones),
                new AnalyticsField("crowdDensity", """
                          \"""a zone's density per bucket whose start lies in [from, to) (at most 7 days), computed from its counters' observations\"""
                          crowdDensity(zone: String!, from: String!, to: String!): [CrowdDensityBucket!]!""", "", counts, CrowdFields::density),
                new AnalyticsField("crowdAlerts", """
                          \"""the alerts raised for buckets in [from, to), of one zone or all zones, oldest first\"""
                          crowdAlerts(from: String!, to: String!, zone: String): [CrowdAlertRecord!]!""", "", counts, CrowdFields::alerts),
                new AnalyticsField("crowdRecords", """
                          \"""the source records (uids) of the counts behind one bucket of a zone\"""
                          crowdRecords(zone: String!, bucket: String!): [String!]!""", "", records, CrowdFields::records));
    }

    private static Object zones(AnalyticsField.Request r, AnalyticsAccess a) {
        Map<String, CrowdRecords.ZoneLevel> levels = new CrowdRecords(r.context().cypher().driver(), r.context().cypher().timeout()).levels();
        return visible(r, a).zones().stream().map(z -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", z.code());
            m.put("name", z.name());
            m.put("community", z.community());
            m.put("areaSquareMetres", z.areaSquareMetres());
            m.put("threshold", z.threshold());
            m.put("clearBelow", z.clearBelow());
            m.put("sensors", z.sensors());
            CrowdRecords.ZoneLevel level = levels.get(z.code());
            m.put("level", level == null ? null : level.level());
            m.put("lastBucket", level == null || level.lastBucket() == null ? null : level.lastBucket().toString());
            return m;
        }).toList();
    }

    private static Object density(AnalyticsField.Request r, AnalyticsAccess a) {
        CrowdSettings settings = visible(r, a);
        CrowdZone zone = zone(settings, r.argument("zone"));
        Period period = AnalyticsFields.period(r);
        if (period.length().compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("the period may be at most 7 days, was " + period.length());
        }
        Map<Instant, Double> forecasts = new CrowdRecords(r.context().cypher().driver(), r.context().cypher().timeout()).forecasts(zone.code(), period);
        List<CrowdBucket> buckets = new CrowdDensities(r.context().cypher().driver(), settings, r.context().cypher().timeout()).buckets(zone, period);
        return buckets.stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", b.start().toString());
            m.put("people", b.known() ? b.people() : null);
            m.put("density", b.known() ? b.density() : null);
            m.put("forecastMax", forecasts.get(b.start()));
            m.put("observations", b.observations());
            m.put("carried", b.carried());
            m.put("missing", b.missing());
            return m;
        }).toList();
    }

    private static Object alerts(AnalyticsField.Request r, AnalyticsAccess a) {
        CrowdSettings settings = visible(r, a);
        String wanted = r.argument("zone");
        List<String> zones = wanted == null ? settings.zones().stream().map(CrowdZone::code).toList() : List.of(zone(settings, wanted).code());
        List<CrowdAlert> alerts = new CrowdRecords(r.context().cypher().driver(), r.context().cypher().timeout()).alerts(AnalyticsFields.period(r), zones);
        return alerts.stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", x.id());
            m.put("zone", x.zone());
            m.put("zoneName", x.zoneName());
            m.put("kind", x.kind());
            m.put("bucket", x.bucket().toString());
            m.put("density", x.density());
            m.put("forecastMax", Double.isNaN(x.forecastMax()) ? null : x.forecastMax());
            m.put("threshold", x.threshold());
            m.put("clearBelow", x.clearBelow());
            m.put("raisedAt", x.raisedAt().toString());
            m.put("message", x.message());
            return m;
        }).toList();
    }

    private static Object records(AnalyticsField.Request r, AnalyticsAccess a) {
        CrowdSettings settings = visible(r, a);
        CrowdZone zone = zone(settings, r.argument("zone"));
        return new CrowdDensities(r.context().cypher().driver(), settings, r.context().cypher().timeout())
                .records(zone, AnalyticsFields.instant(r.argument("bucket"), "bucket"));
    }

    /** The published settings with only the zones of the caller's communities. */
    private static CrowdSettings visible(AnalyticsField.Request r, AnalyticsAccess a) {
        CrowdSettings all = CrowdMonitor.published(r.context().cypher().driver());
        return new CrowdSettings(all.bucket(), all.horizon(), all.season(), all.levelBuckets(), all.clearAfter(), all.carryForward(),
                all.grace(), all.zones().stream().filter(z -> a.scope().includes(z.community())).toList());
    }

    private static CrowdZone zone(CrowdSettings settings, String code) {
        return settings.zone(code).orElseThrow(() -> new IllegalArgumentException("unknown crowd zone: " + code));
    }
}
