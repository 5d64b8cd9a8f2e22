package org.jiedao.hub.analytics;

import java.util.List;

/**
 * Parking supply and demand in a period ({@link ParkingBalance}).
 *
 * @param period   the occupancy readings counted
 * @param settings the rules used
 * @param areas    grids (by code), then communities (by code)
 * @param lots     the parking lots in scope, by code
 * @param matches  for every short area and hour, the lots proposed to cover it, by kind of area, hour, largest gap
 *                 first, then nearest lot first
 */
public record ParkingReport(Period period, ParkingSettings settings, List<ParkingArea> areas, List<ParkingLotStatus> lots,
                            List<ParkingMatch> matches) {
}
