package org.jiedao.hub.analytics;

import java.util.List;

/**
 * An area's supply and demand at one hour of the day.
 *
 * @param hour             the hour of the day, 0-23, Beijing time
 * @param night            whether it is a night hour ({@link ParkingSettings#night})
 * @param supply           spaces of the area's lots counted at this hour (a 错时停车 lot only in its shared hours)
 * @param residentDemand   at night the area's resident vehicles, else 0
 * @param observedDemand   the sum of the occupancy statistic of the lots counted at this hour that have readings
 * @param demand           {@code max(residentDemand, observedDemand)}
 * @param gap              {@code demand - supply}: positive is a shortage
 * @param lots             the codes of the lots counted in {@code supply}, sorted
 */
public record ParkingHour(int hour, boolean night, int supply, int residentDemand, double observedDemand, double demand,
                          double gap, List<String> lots) {
}
