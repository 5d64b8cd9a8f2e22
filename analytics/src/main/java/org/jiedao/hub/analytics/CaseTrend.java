package org.jiedao.hub.analytics;

import java.util.List;

/**
 * How the cases of one area and category move: this period against the one before it, and the weekly slope.
 *
 * @param area         the grid, or the community for cases without a grid
 * @param category     the category, or null
 * @param current      cases received in the period
 * @param previous     cases received in the period of the same length just before it
 * @param change       {@code current - previous}
 * @param slopePerWeek the least-squares slope of the weekly counts of the period in cases per week (weeks without
 *                     cases count 0), or null when the period touches fewer than two ISO weeks
 * @param weeks        the weekly counts the slope is fitted to, oldest first
 * @param caseNumbers  the cases of the period, sorted
 * @param previousCaseNumbers the cases of the previous period, sorted
 */
public record CaseTrend(Area area, String category, long current, long previous, long change, Double slopePerWeek,
                        List<WeekCount> weeks, List<String> caseNumbers, List<String> previousCaseNumbers) {
}
