package org.jiedao.hub.api.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jiedao.hub.analytics.Area;
import org.jiedao.hub.analytics.ParkingArea;
import org.jiedao.hub.analytics.ParkingBalance;
import org.jiedao.hub.analytics.ParkingGeoJson;
import org.jiedao.hub.analytics.ParkingLotStatus;
import org.jiedao.hub.analytics.ParkingMatch;
import org.jiedao.hub.analytics.ParkingReport;
import org.jiedao.hub.analytics.ParkingSettings;
import org.jiedao.hub.analytics.Period;
import org.jiedao.hub.api.query.RootField;

/**
 * The parking analytic's root fields of {@code Query} (issue 8, item 1; docs/analytics.md#parking):
 * {@code parkingBalance} (supply, demand and gap per grid and community and hour of the day, the lots' use, and the
 * lots proposed for short areas) and {@code parkingGeoJson} (the same at one hour as an RFC 7946 FeatureCollection,
 * as a JSON string). Times are ISO 8601 instants with an offset; the period {@code [from, to)} bounds the occupancy
 * readings.
 *
 * <p>Access, by the same policy as the other analytics ({@link AnalyticsAccess}): a role that reads {@code ParkingLot}
 * and {@code Grid}; a caseworker's community scope limits it to her communities' grids, their lots and the vehicles of
 * their residents. Plates (personal) are null for a role that does not read {@code Vehicle.plate} in clear (counts
 * stay); source-record uids (vehicle and observation records) only for a role that reads provenance. Every call is
 * recorded in the audit trail like any query.
 */
public final class ParkingFields {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SETTINGS = "nightFromHour: Int = 19, nightUntilHour: Int = 7, percentile: Float, maxDistanceMetres: Float = 500";
    private static final String TYPES = """
            \"""an area's parking at one hour of the day (Beijing time): spaces counted, resident (night) and observed demand, demand = max of the two, gap = demand - supply\"""
            type ParkingHour { hour: Int! night: Boolean! supply: Int! residentDemand: Int! observedDemand: Float! demand: Float! gap: Float! lots: [String!]! }
            \"""a grid or community: its resident vehicles (plates null unless the role reads them in clear) and its balance per hour\"""
            type ParkingAreaBalance { area: AnalyticsArea! latitude: Float longitude: Float residentVehicles: Int! plates: [String!] vehicleRecords: [String!]! hours: [ParkingHour!]! }
            \"""a lot at one hour of the day: spaces counted, occupancy statistic over the days with readings, idle spaces, and the observation records read\"""
            type ParkingLotHour { hour: Int! available: Int! occupancy: Float days: Int! idle: Float records: [String!]! }
            \"""a parking lot (kind public, hutong or shared for 错时停车) and its use per hour\"""
            type ParkingLotUse { code: String! name: String kind: String spaces: Int! sharedFromHour: Int sharedUntilHour: Int latitude: Float longitude: Float grid: String community: String records: [String!]! hours: [ParkingLotHour!]! }
            \"""a lot proposed to cover part of a short area's gap at an hour, with the haversine distance from the area's centroid\"""
            type ParkingMatch { area: AnalyticsArea! hour: Int! gap: Float! lot: String! lotName: String lotArea: String distanceMetres: Float! idle: Float! coverable: Float! }
            \"""parking supply and demand in a period\"""
            type ParkingBalance { from: String! to: String! areas: [ParkingAreaBalance!]! lots: [ParkingLotUse!]! matches: [ParkingMatch!]! }
            """;

    private ParkingFields() {
    }

    /** @return {@code parkingBalance} (carrying the types' SDL) and {@code parkingGeoJson} */
    public static List<RootField> all() {
        AnalyticsField.Check check = (a, env) -> a.reads("ParkingLot") && a.reads("Grid") ? null : "may not read ParkingLot and Grid";
        return List.of(
                new AnalyticsField("parkingBalance", """
                          \"""parking supply, demand and gap per grid and community (areaKind GRID or COMMUNITY, area a code) and hour of the day; occupancy readings of [from, to); candidate lots for short areas\"""
                          parkingBalance(from: String!, to: String!, areaKind: String, area: String, %s): ParkingBalance!""".formatted(SETTINGS),
                        TYPES, check, ParkingFields::balance),
                new AnalyticsField("parkingGeoJson", """
                          \"""parkingBalance at one hour of the day as a GeoJSON FeatureCollection (RFC 7946; a JSON text): area polygons with their gap, lot points with their idle spaces, match lines\"""
                          parkingGeoJson(from: String!, to: String!, hour: Int!, %s): String!""".formatted(SETTINGS),
                        "", check, ParkingFields::geoJson));
    }

    private static ParkingReport report(AnalyticsField.Request r, AnalyticsAccess a) {
        Double percentile = r.argument("percentile");
        Double distance = r.argument("maxDistanceMetres");
        ParkingSettings settings = new ParkingSettings(r.<Integer>argument("nightFromHour"), r.<Integer>argument("nightUntilHour"),
                percentile, distance);
        Period period = new Period(instant(r.argument("from"), "from"), instant(r.argument("to"), "to"));
        return new ParkingBalance(r.context().cypher().driver(), r.context().cypher().timeout()).compute(period, settings, a.scope());
    }

    private static Object geoJson(AnalyticsField.Request r, AnalyticsAccess a) {
        try {
            return JSON.writeValueAsString(ParkingGeoJson.of(report(r, a), r.<Integer>argument("hour")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object balance(AnalyticsField.Request r, AnalyticsAccess a) {
        String kind = r.argument("areaKind");
        String code = r.argument("area");
        if (kind != null && !kind.equals(Area.GRID) && !kind.equals(Area.COMMUNITY)) {
            throw new IllegalArgumentException("areaKind must be GRID or COMMUNITY, not " + kind);
        }
        ParkingReport report = report(r, a);
        boolean plates = a.clear("Vehicle", "plate");
        boolean provenance = a.provenance();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", report.period().from().toString());
        m.put("to", report.period().to().toString());
        m.put("areas", report.areas().stream().filter(x -> wanted(x.area(), kind, code)).map(x -> area(x, plates, provenance)).toList());
        m.put("lots", report.lots().stream().map(l -> lot(l, provenance)).toList());
        m.put("matches", report.matches().stream().filter(x -> wanted(x.area(), kind, code)).map(ParkingFields::match).toList());
        return m;
    }

    private static boolean wanted(Area area, String kind, String code) {
        return (kind == null || area.kind().equals(kind)) && (code == null || area.code().equals(code));
    }

    private static Map<String, Object> area(ParkingArea x, boolean plates, boolean provenance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("area", areaOf(x.area()));
        m.put("latitude", x.latitude());
        m.put("longitude", x.longitude());
        m.put("residentVehicles", x.residentVehicles());
        m.put("plates", plates ? x.plates() : null);
        m.put("vehicleRecords", provenance ? x.vehicleRecords() : List.of());
        m.put("hours", x.hours().stream().map(h -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("hour", h.hour());
            v.put("night", h.night());
            v.put("supply", h.supply());
            v.put("residentDemand", h.residentDemand());
            v.put("observedDemand", h.observedDemand());
            v.put("demand", h.demand());
            v.put("gap", h.gap());
            v.put("lots", h.lots());
            return v;
        }).toList());
        return m;
    }

    private static Map<String, Object> lot(ParkingLotStatus l, boolean provenance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", l.code());
        m.put("name", l.name());
        m.put("kind", l.kind());
        m.put("spaces", l.spaces());
        m.put("sharedFromHour", l.sharedFromHour());
        m.put("sharedUntilHour", l.sharedUntilHour());
        m.put("latitude", l.latitude());
        m.put("longitude", l.longitude());
        m.put("grid", l.grid());
        m.put("community", l.community());
        m.put("records", provenance ? l.records() : List.of());
        m.put("hours", l.hours().stream().map(h -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("hour", h.hour());
            v.put("available", h.available());
            v.put("occupancy", h.occupancy());
            v.put("days", h.days());
            v.put("idle", h.idle());
            v.put("records", provenance ? h.records() : List.of());
            return v;
        }).toList());
        return m;
    }

    private static Map<String, Object> match(ParkingMatch x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("area", areaOf(x.area()));
        m.put("hour", x.hour());
        m.put("gap", x.gap());
        m.put("lot", x.lot());
        m.put("lotName", x.lotName());
        m.put("lotArea", x.lotArea());
        m.put("distanceMetres", x.distanceMetres());
        m.put("idle", x.idle());
        m.put("coverable", x.coverable());
        return m;
    }

    private static Map<String, Object> areaOf(Area area) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", area.kind());
        m.put("code", area.code());
        m.put("name", area.name());
        m.put("community", area.community());
        return m;
    }

    private static Instant instant(String text, String name) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": not an ISO 8601 date-time with an offset (e.g. 2026-11-02T00:00+08:00): " + text, e);
        }
    }
}
