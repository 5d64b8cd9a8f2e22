package org.jiedao.hub.analytics;

/**
 * @param week  an ISO 8601 week, e.g. {@code 2026-W47}
 * @param cases how many cases were received in it
 */
public record WeekCount(String week, long cases) {
}
