package org.jiedao.hub.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * A {@link ParkingReport} as a GeoJSON FeatureCollection (RFC 7946) for a map, at one hour of the day:
 * <ul>
 *   <li>one {@code Polygon} or {@code MultiPolygon} Feature per located area (grids, and communities as the union of
 *       their grids), properties {@code layer: "area"}, {@code kind}, {@code code}, {@code name}, {@code community},
 *       {@code hour}, {@code supply}, {@code residentDemand}, {@code observedDemand}, {@code demand}, {@code gap},
 *       {@code residentVehicles}, {@code lots} and {@code gapByHour} (24 numbers);</li>
 *   <li>one {@code Point} Feature per located lot, properties {@code layer: "lot"}, {@code code}, {@code name},
 *       {@code kind}, {@code spaces}, {@code grid}, {@code community}, {@code hour}, {@code available},
 *       {@code occupancy}, {@code idle} (null without readings) and {@code idleByHour};</li>
 *   <li>one {@code LineString} Feature per match at that hour, from the lot to the area's centroid, properties
 *       {@code layer: "match"}, {@code area}, {@code lot}, {@code distanceMetres}, {@code coverable}.</li>
 * </ul>
 * Coordinates are WGS 84 longitude, latitude (RFC 7946 §3.1.1); exterior rings counter-clockwise, holes clockwise
 * (§3.1.6). Areas without a boundary and lots without a position are left out.
 */
public final class ParkingGeoJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ParkingGeoJson() {
    }

    /**
     * @param report the balance
     * @param hour   the hour of the day shown, 0-23
     * @return the FeatureCollection
     * @throws IllegalArgumentException if the hour is outside 0-23 or a boundary is not WKT
     */
    public static ObjectNode of(ParkingReport report, int hour) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0-23, not " + hour);
        }
        ObjectNode fc = F.objectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (ParkingArea a : report.areas()) {
            Geometry shape = GridBoundaries.parse(a.area().code(), a.boundary());
            if (shape == null) {
                continue;
            }
            ParkingHour h = a.hours().get(hour);
            ObjectNode p = F.objectNode().put("layer", "area").put("kind", a.area().kind()).put("code", a.area().code())
                    .put("name", a.area().name()).put("community", a.area().community()).put("hour", hour)
                    .put("supply", h.supply()).put("residentDemand", h.residentDemand()).put("observedDemand", h.observedDemand())
                    .put("demand", h.demand()).put("gap", h.gap()).put("residentVehicles", a.residentVehicles());
            ArrayNode lots = p.putArray("lots");
            h.lots().forEach(lots::add);
            ArrayNode gaps = p.putArray("gapByHour");
            a.hours().forEach(x -> gaps.add(x.gap()));
            features.add(feature(geometry(shape), p));
        }
        for (ParkingLotStatus l : report.lots()) {
            if (l.latitude() == null || l.longitude() == null) {
                continue;
            }
            ParkingLotHour h = l.hours().get(hour);
            ObjectNode p = F.objectNode().put("layer", "lot").put("code", l.code()).put("name", l.name()).put("kind", l.kind())
                    .put("spaces", l.spaces()).put("grid", l.grid()).put("community", l.community()).put("hour", hour)
                    .put("available", h.available()).put("occupancy", h.occupancy()).put("idle", h.idle());
            ArrayNode idle = p.putArray("idleByHour");
            l.hours().forEach(x -> idle.add(x.idle() == null ? F.nullNode() : F.numberNode(x.idle())));
            features.add(feature(point(l.longitude(), l.latitude()), p));
        }
        for (ParkingMatch m : report.matches()) {
            if (m.hour() != hour) {
                continue;
            }
            ParkingArea a = report.areas().stream().filter(x -> x.area().equals(m.area())).findFirst().orElseThrow();
            ParkingLotStatus l = report.lots().stream().filter(x -> x.code().equals(m.lot())).findFirst().orElseThrow();
            ObjectNode line = F.objectNode().put("type", "LineString");
            line.putArray("coordinates").add(position(l.longitude(), l.latitude())).add(position(a.longitude(), a.latitude()));
            ObjectNode p = F.objectNode().put("layer", "match").put("kind", m.area().kind()).put("area", m.area().code())
                    .put("lot", m.lot()).put("hour", hour).put("distanceMetres", m.distanceMetres()).put("coverable", m.coverable());
            features.add(feature(line, p));
        }
        return fc;
    }

    private static ObjectNode feature(JsonNode geometry, ObjectNode properties) {
        ObjectNode f = F.objectNode().put("type", "Feature");
        f.set("geometry", geometry);
        f.set("properties", properties);
        return f;
    }

    private static ObjectNode point(double lon, double lat) {
        ObjectNode g = F.objectNode().put("type", "Point");
        g.set("coordinates", position(lon, lat));
        return g;
    }

    private static ArrayNode position(double lon, double lat) {
        return F.arrayNode().add(lon).add(lat);
    }

    private static ObjectNode geometry(Geometry shape) {
        if (shape instanceof Polygon p) {
            ObjectNode g = F.objectNode().put("type", "Polygon");
            g.set("coordinates", rings(p));
            return g;
        }
        MultiPolygon mp = (MultiPolygon) shape;
        ObjectNode g = F.objectNode().put("type", "MultiPolygon");
        ArrayNode polygons = g.putArray("coordinates");
        for (int i = 0; i < mp.getNumGeometries(); i++) {
            polygons.add(rings((Polygon) mp.getGeometryN(i)));
        }
        return g;
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode rings = F.arrayNode();
        rings.add(ring(p.getExteriorRing(), true));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(ring(p.getInteriorRingN(i), false));
        }
        return rings;
    }

    private static ArrayNode ring(LinearRing ring, boolean counterClockwise) {
        Coordinate[] cs = ring.getCoordinates();
        boolean reverse = Orientation.isCCW(cs) != counterClockwise;
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < cs.length; i++) {
            Coordinate c = cs[reverse ? cs.length - 1 - i : i];
            out.add(position(c.getX(), c.getY()));
        }
        return out;
    }
}
