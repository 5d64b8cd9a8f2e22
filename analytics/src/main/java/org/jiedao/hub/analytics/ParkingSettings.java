package org.jiedao.hub.analytics;

/**
 * The rules of {@link ParkingBalance} that a user may change.
 *
 * @param nightFromHour     the first hour of the night (Beijing time, 0-23), when residents' vehicles are parked at
 *                          home; default 19
 * @param nightUntilHour    the hour the night ends (exclusive, 0-23; not after {@code nightFromHour} means it spans
 *                          midnight); default 7
 * @param percentile        the statistic of a lot's occupancy at an hour of the day over the days of the period: null
 *                          for the mean, else this percentile (nearest rank, in {@code (0, 100]}; 100 is the maximum)
 * @param maxDistanceMetres how far (haversine, from the short area's centroid) a lot may be to be proposed; default
 *                          500 m
 */
public record ParkingSettings(int nightFromHour, int nightUntilHour, Double percentile, double maxDistanceMetres) {
    /** Night 19:00-07:00, the mean occupancy, lots within 500 m. */
    public static final ParkingSettings DEFAULT = new ParkingSettings(19, 7, null, 500);

    /** @throws IllegalArgumentException if an hour is outside 0-23, the hours are equal, the percentile is outside
     *                                  {@code (0, 100]} or the distance is not positive */
    public ParkingSettings {
        if (nightFromHour < 0 || nightFromHour > 23 || nightUntilHour < 0 || nightUntilHour > 23) {
            throw new IllegalArgumentException("night hours must be 0-23, not " + nightFromHour + "-" + nightUntilHour);
        }
        if (nightFromHour == nightUntilHour) {
            throw new IllegalArgumentException("the night must not be empty (from " + nightFromHour + " until " + nightUntilHour + ")");
        }
        if (percentile != null && !(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + percentile);
        }
        if (!(maxDistanceMetres > 0)) {
            throw new IllegalArgumentException("maximum distance must be positive, not " + maxDistanceMetres);
        }
    }

    /**
     * @param hour an hour of the day, 0-23
     * @return whether it is a night hour
     */
    public boolean night(int hour) {
        return ParkingBalance.inHours(hour, nightFromHour, nightUntilHour);
    }
}
