package org.jiedao.hub.analytics;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Grid boundaries ({@code Grid.boundary}: a WKT polygon or multipolygon, OGC 06-103r4, longitude first in WGS 84
 * decimal degrees) read with JTS; a point is in a grid when the polygon covers it (its boundary included), computed
 * in the plane of longitude and latitude, which is exact enough at the scale of a grid.
 */
final class GridBoundaries {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GridBoundaries() {
    }

    /**
     * @param grid the grid code (for the message)
     * @param wkt  the boundary, or null
     * @return the polygon, or null when {@code wkt} is null or blank
     * @throws IllegalArgumentException if the text is not a WKT polygon or multipolygon
     */
    static Geometry parse(String grid, String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return null;
        }
        try {
            Geometry g = new WKTReader(FACTORY).read(wkt);
            if (!(g instanceof Polygonal)) {
                throw new IllegalArgumentException("grid " + grid + ": boundary is a " + g.getGeometryType() + ", not a polygon");
            }
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException("grid " + grid + ": boundary is not WKT: " + e.getMessage(), e);
        }
    }

    /** @return whether the polygon covers the point */
    static boolean covers(Geometry polygon, double latitude, double longitude) {
        return polygon.covers(point(latitude, longitude));
    }

    /** @return the polygon's centroid as {@code [latitude, longitude]} */
    static double[] centroid(Geometry polygon) {
        Point c = polygon.getCentroid();
        return new double[] {c.getY(), c.getX()};
    }

    private static Point point(double latitude, double longitude) {
        return FACTORY.createPoint(new Coordinate(longitude, latitude));
    }
}
