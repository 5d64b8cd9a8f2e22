package org.jiedao.hub.analytics;

/**
 * Great-circle distance between two WGS 84 points by the haversine formula on a sphere of the mean Earth radius
 * (IUGG, 6,371,008.8 m). The error against the ellipsoid is below 0.5 %, far below GPS noise at street scale.
 */
public final class Haversine {
    /** The mean Earth radius in metres (IUGG). */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private Haversine() {
    }

    /**
     * @param lat1 latitude of the first point, decimal degrees
     * @param lon1 longitude of the first point, decimal degrees
     * @param lat2 latitude of the second point, decimal degrees
     * @param lon2 longitude of the second point, decimal degrees
     * @return the distance in metres
     */
    public static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
