package org.jiedao.hub.analytics;

/**
 * A lot proposed to cover part of a short area's gap at one hour.
 *
 * @param area           the short area
 * @param hour           the hour of the day, 0-23
 * @param gap            the area's gap at that hour (positive)
 * @param lot            the lot's code
 * @param lotName        its name, or null
 * @param lotArea        the code of the lot's area of the same kind (grid or community), or null
 * @param distanceMetres haversine distance from the area's centroid to the lot
 * @param idle           the lot's idle spaces at that hour
 * @param coverable      spaces allotted to this area: at most the lot's idle spaces not yet allotted to a larger gap,
 *                       the surplus of the lot's own area not yet allotted, and what the area still needs
 */
public record ParkingMatch(Area area, int hour, double gap, String lot, String lotName, String lotArea,
                           double distanceMetres, double idle, double coverable) {
}
