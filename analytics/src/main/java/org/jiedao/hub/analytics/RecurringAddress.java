package org.jiedao.hub.analytics;

import java.util.List;
import java.util.Map;

/**
 * An address with at least the asked number of complaints in a period.
 *
 * @param address     the normalised address text
 * @param area        its grid, or its community without a grid, or null
 * @param cases       how many complaints (cases labelled {@code Complaint}) concern it in the period
 * @param categories  complaints per category (null category as {@code ""}), sorted by category
 * @param caseNumbers the complaints counted, sorted
 * @param records     the uids of their source records, sorted
 */
public record RecurringAddress(String address, Area area, long cases, Map<String, Long> categories, List<String> caseNumbers,
                               List<String> records) {
}
