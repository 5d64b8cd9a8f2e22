package org.jiedao.hub.graph.entity;

import java.util.List;

/**
 * What one run of incremental entity resolution did.
 *
 * @param pending  provisional entities considered
 * @param linked   merged into an existing entity (match weight above the link threshold, or a remembered accept)
 * @param reviews  kept apart for now, with a review item raised
 * @param created  kept as new entities (no candidate reached the review threshold)
 * @param refusals links not made by a guard, one line each ({@code <entity> -> <candidate>: <reason>})
 * @param millis   wall-clock time of the run, in milliseconds
 */
public record ResolutionReport(int pending, int linked, int reviews, int created, List<String> refusals, long millis) {
}
