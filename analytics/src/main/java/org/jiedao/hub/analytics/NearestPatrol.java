package org.jiedao.hub.analytics;

/**
 * An available patrol member and how far its latest position is from a place.
 *
 * @param position       the member's latest position
 * @param distanceMetres the haversine distance from that position to the place, in metres
 */
public record NearestPatrol(PatrolPosition position, double distanceMetres) {
}
