package org.jiedao.hub.analytics;

import java.util.List;

/**
 * A parking lot and its use, hour by hour.
 *
 * @param code            the lot code
 * @param name            its name, or null
 * @param kind            {@code public}, {@code hutong} or {@code shared} (错时停车), or null when not registered
 * @param spaces          its spaces ({@code ParkingLot.capacity}; 0 when unknown)
 * @param sharedFromHour  for a shared lot, the first hour it is open to residents, else null
 * @param sharedUntilHour for a shared lot, the hour sharing ends (exclusive), else null
 * @param latitude        WGS 84, or null
 * @param longitude       WGS 84, or null
 * @param grid            the code of its grid, or null
 * @param community       the code of its grid's community, or null
 * @param records         the uids of the register records behind it
 * @param hours           hours 0 to 23 of the day, Beijing time
 */
public record ParkingLotStatus(String code, String name, String kind, int spaces, Integer sharedFromHour,
                               Integer sharedUntilHour, Double latitude, Double longitude, String grid, String community,
                               List<String> records, List<ParkingLotHour> hours) {
}
