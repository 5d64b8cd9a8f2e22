package org.jiedao.hub.analytics;

import java.time.Instant;
import java.util.List;

/**
 * One case as the hotspot analytics see it.
 *
 * @param caseNumber the case's key
 * @param category   its category, or null
 * @param reportedAt when it was received
 * @param address    the normalised text of the address it concerns, or null
 * @param area       where it is counted, or null when it has neither grid nor community
 * @param records    uids ({@code source:recordKey}) of the source records that assert it
 */
record CaseFact(String caseNumber, String category, Instant reportedAt, String address, Area area, List<String> records) {
}
