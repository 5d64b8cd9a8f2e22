package org.jiedao.hub.analytics;

import java.util.List;

/**
 * The cases of one area, category and ISO week.
 *
 * @param area        the grid, or the community for cases without a grid
 * @param category    the cases' category, or null for cases without one
 * @param week        the ISO 8601 week of reception in the analytics' time zone, e.g. {@code 2026-W47}
 * @param cases       how many cases
 * @param caseNumbers the cases counted, sorted
 * @param records     the uids ({@code source:recordKey}) of their source records, sorted
 */
public record HotspotCell(Area area, String category, String week, long cases, List<String> caseNumbers, List<String> records) {
}
