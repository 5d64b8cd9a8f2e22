package org.jiedao.hub.analytics;

import java.util.List;

/**
 * A lot at one hour of the day.
 *
 * @param hour      the hour of the day, 0-23, Beijing time
 * @param available spaces counted at this hour: all, or for a shared lot 0 outside its shared hours
 * @param occupancy the statistic (mean or percentile) over the days of the period of the lot's occupancy in this
 *                  hour (a day's value is the mean of its readings in the hour); null without readings
 * @param days      the days with readings in this hour
 * @param idle      {@code max(0, available - occupancy)}, or null without readings
 * @param records   the uids of the occupancy observation records read, sorted
 */
public record ParkingLotHour(int hour, int available, Double occupancy, int days, Double idle, List<String> records) {
}
