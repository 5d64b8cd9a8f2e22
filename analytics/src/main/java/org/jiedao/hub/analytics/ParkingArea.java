package org.jiedao.hub.analytics;

import java.util.List;

/**
 * One area's parking balance, hour by hour.
 *
 * @param area             the grid or community
 * @param latitude         the centroid of its boundary (a community: of the union of its grids), WGS 84; null when
 *                         it has no boundary
 * @param longitude        as {@code latitude}
 * @param boundary         the boundary as WKT (longitude first), or null
 * @param residentVehicles vehicles owned by residents of the area (owner {@code RESIDES_AT} an address in it)
 * @param plates           their plates, sorted
 * @param vehicleRecords   the uids of the vehicle registry records behind them, sorted
 * @param hours            hours 0 to 23 of the day, Beijing time
 */
public record ParkingArea(Area area, Double latitude, Double longitude, String boundary, int residentVehicles,
                          List<String> plates, List<String> vehicleRecords, List<ParkingHour> hours) {
}
