package org.jiedao.hub.analytics;

import java.time.Instant;
import java.util.List;

/**
 * One reported position of a patrol member.
 *
 * @param member    the member's number
 * @param name      the member's name, or null
 * @param latitude  WGS 84 latitude, decimal degrees
 * @param longitude WGS 84 longitude, decimal degrees
 * @param at        when it was reported (the report's result time)
 * @param reportId  the position report's observation id
 * @param records   the uids ({@code source:recordKey}) of the source records of the report
 */
public record PatrolPosition(String member, String name, double latitude, double longitude, Instant at, String reportId,
                             List<String> records) {
}
